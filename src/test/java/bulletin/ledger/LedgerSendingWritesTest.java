package bulletin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import bulletin.support.TestHome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The send loop's writes on the real database: a message about to leave is one transaction row
 * holding the range of its PENDING rows, and its recipient rows are written once, by its answer;
 * a crash or a lost answer puts exactly that range in doubt; a range that holds a row it should
 * not is refused at its answer, never recorded as sent.
 */
@SpringBootTest
class LedgerSendingWritesTest {

    static final TestHome home = TestHome.create("ledger-writes");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
    }

    @Autowired
    Ledger ledger;

    @Autowired
    Runs runs;

    @Autowired
    JdbcTemplate jdbc;

    /** A run of {@code rows} PENDING rows numbered from 1, with an INVALID row at seq 3, through a relay of its own. */
    private long stagedRun(long runId, int rows) {
        return stagedRun(runId, rows, "m");
    }

    /** The same, the addresses {@code PREFIX<seq>@example.org}. */
    private long stagedRun(long runId, int rows, String prefix) {
        runs.saveRun(new RunRecord(runId, "writes-" + runId, "2026-11", "jobs/x.yml", "relay-" + runId, "b@amis.example", null,
                "Undisclosed recipients:;", 10, Instant.now(), null, null, null));
        List<StagedRow> staged = new ArrayList<>();
        for (int seq = 1; seq <= rows; seq++) {
            staged.add(seq == 3 ? StagedRow.rejected("not an address", null, "m.csv", seq, DeliveryStatus.INVALID, "bad")
                    : StagedRow.pending(prefix + seq + "@example.org", prefix + seq + "@example.org", null, "m.csv", seq, null));
        }
        ledger.stage(runId, 1, staged);
        return runId;
    }

    /** Each row's state, with its message's number and Message-ID once it has them. */
    private Map<Integer, String> states(long runId) {
        Map<Integer, String> states = new TreeMap<>();
        jdbc.query("SELECT seq, status, message_no, message_id FROM bulletin_recipient WHERE run_id = ?", rs -> {
            states.put(rs.getInt(1), rs.getString(2) + (rs.getObject(3) == null ? "" : "#" + rs.getInt(3) + rs.getString(4)));
        }, runId);
        return states;
    }

    /** Recipients the run's relay (its own here) took in the last hour, as its budget counts them. */
    private int taken(long runId) {
        return ledger.takenPerMinute("relay-" + runId, Instant.now().minusSeconds(3600)).values().stream().mapToInt(n -> n).sum();
    }

    /** The rows as the audit reads them, in {@code state} (all when null). */
    private List<String> shown(long runId, DeliveryStatus state) {
        List<String> rows = new ArrayList<>();
        ledger.forEachRow(runId, state, row -> rows.add(row.seq() + " " + row.status()
                + (row.messageNo() == null ? "" : "#" + row.messageNo() + row.messageId())));
        return rows;
    }

    /** Each SMTP transaction of the run: its message's number and its state. */
    private List<String> transactionStates(long runId) {
        return jdbc.queryForList("SELECT message_no || ':' || state FROM bulletin_transaction WHERE run_id = ?"
                + " ORDER BY message_no, part_no", String.class, runId);
    }

    private static final List<Ledger.Sending> TWO_MESSAGES = List.of(new Ledger.Sending(List.of(1, 2, 4), 1, "<a>"),
            new Ledger.Sending(List.of(5, 6), 2, "<b>"));

    private static Ledger.Answered firstAnswered() {
        return new Ledger.Answered(1, "<a>", List.of(new Ledger.Outcome(1, DeliveryStatus.SENT, "250 2.0.0 queued as 1"),
                new Ledger.Outcome(2, DeliveryStatus.REFUSED, "550 5.1.1 no such user"),
                new Ledger.Outcome(4, DeliveryStatus.SENT, "250 2.0.0 queued as 1")),
                new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 2.0.0 queued as 1"), Ledger.Rows.PENDING);
    }

    @Test
    void messagesOnTheWireLeaveTheirRowsUnwrittenAndTheirUsualAnswerIsWrittenOnItsTransactionOnly() {
        long run = stagedRun(900_001, 8);
        Map<Integer, String> staged = states(run);
        Map<Integer, Object> writtenAt = new TreeMap<>();
        jdbc.query("SELECT seq, updated_at FROM bulletin_recipient WHERE run_id = ?",
                rs -> { writtenAt.put(rs.getInt(1), rs.getTimestamp(2)); }, run);

        // Message 1: seqs 1, 2, 4 (3 is INVALID, inside the range); message 2: seqs 5, 6.
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, TWO_MESSAGES));

        assertThat(states(run)).as("no recipient row written").isEqualTo(staged);
        assertThat(transactionStates(run)).containsExactly("1:SENDING", "2:SENDING");
        assertThat(ledger.counts(run).get(DeliveryStatus.SENDING)).as("yet status counts them on the wire").isEqualTo(5);
        assertThat(ledger.counts(run).get(DeliveryStatus.PENDING)).isEqualTo(2);
        assertThat(ledger.nextMessageNumber(run)).isEqualTo(3);
        assertThat(shown(run, null)).as("the audit shows them as they stand").containsExactly("1 SENDING#1<a>",
                "2 SENDING#1<a>", "3 INVALID", "4 SENDING#1<a>", "5 SENDING#2<b>", "6 SENDING#2<b>", "7 PENDING", "8 PENDING");
        assertThat(shown(run, DeliveryStatus.SENDING)).hasSize(5);
        assertThat(taken(run)).as("and the relay's budget counts them spent").isEqualTo(5);
        assertThat(shown(run, DeliveryStatus.PENDING)).containsExactly("7 PENDING", "8 PENDING");

        // Message 1 answered: two accepted, one refused; message 2 still waits for its answer.
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(firstAnswered())));

        assertThat(states(run)).as("only the refusal is written on its row").containsExactly(Map.entry(1, "PENDING"),
                Map.entry(2, "REFUSED#1<a>"), Map.entry(3, "INVALID"), Map.entry(4, "PENDING"), Map.entry(5, "PENDING"),
                Map.entry(6, "PENDING"), Map.entry(7, "PENDING"), Map.entry(8, "PENDING"));
        assertThat(jdbc.queryForList("SELECT message_no || ':' || state || ':' || usual_status || ':' || usual_count || ':'"
                + " || usual_reply FROM bulletin_transaction WHERE run_id = ? AND first_seq = 1 AND last_seq = 4", String.class,
                run)).as("the accepted ones' answer, once, on the transaction that keeps its range")
                .containsExactly("1:ANSWERED:SENT:2:250 2.0.0 queued as 1");
        assertThat(shown(run, null)).as("every reader shows them as answered").containsExactly("1 SENT#1<a>",
                "2 REFUSED#1<a>", "3 INVALID", "4 SENT#1<a>", "5 SENDING#2<b>", "6 SENDING#2<b>", "7 PENDING", "8 PENDING");
        List<AuditRow> sent = new ArrayList<>();
        ledger.forEachRow(run, DeliveryStatus.SENT, sent::add);
        assertThat(sent).extracting(AuditRow::seq).containsExactly(1, 4);
        assertThat(sent).extracting(AuditRow::relayReply).containsOnly("250 2.0.0 queued as 1");
        assertThat(sent).extracting(AuditRow::executionId).containsOnly(7L);
        assertThat(ledger.counts(run).counts()).containsEntry(DeliveryStatus.SENT, 2L).containsEntry(DeliveryStatus.REFUSED, 1L)
                .containsEntry(DeliveryStatus.SENDING, 2L).containsEntry(DeliveryStatus.PENDING, 2L)
                .containsEntry(DeliveryStatus.INVALID, 1L);
        assertThat(ledger.countPending(run)).isEqualTo(2);
        assertThat(ledger.firstIn(run, DeliveryStatus.SENT)).map(LedgerEntry::seq).contains(1);
        assertThat(ledger.firstIn(run, DeliveryStatus.PENDING)).map(LedgerEntry::seq).contains(7);
        assertThat(taken(run)).isEqualTo(5);
        jdbc.query("SELECT seq, updated_at FROM bulletin_recipient WHERE run_id = ? AND seq IN (1, 4, 5, 6, 7, 8)",
                rs -> { assertThat(rs.getTimestamp(2)).as("row %d untouched", rs.getInt(1)).isEqualTo(writtenAt.get(rs.getInt(1))); },
                run);
    }

    @Test
    void theAuditReadsARunOfSeveralPagesInStagingOrderEachRowOnce() {
        long run = stagedRun(900_006, 12_001); // pages of 5,000: two whole ones and a last of 2,001
        List<Integer> seqs = new ArrayList<>();
        ledger.forEachRow(run, row -> seqs.add(row.seq()));
        assertThat(seqs).hasSize(12_001).isSorted().doesNotHaveDuplicates();
        assertThat(seqs.get(12_000)).isEqualTo(12_001);
    }

    /** The next page is read ahead on a thread of its own: a consumer that fails stops it, and the failure is its own. */
    @Test
    void theRangesOfARunOfSeveralPagesOfMessagesAreEachRead() {
        long run = stagedRun(900_034, 12_002); // 12,001 PENDING rows, one message each: ranges read 5,000 a page
        List<Ledger.Sending> messages = new ArrayList<>();
        for (int seq = 1; seq <= 12_002; seq++) {
            if (seq != 3) {
                messages.add(new Ledger.Sending(List.of(seq), messages.size() + 1, "<" + seq + ">"));
            }
        }
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, messages));

        assertThat(shown(run, DeliveryStatus.SENDING)).hasSize(12_001);
        assertThat(ledger.markInDoubt(run)).isEqualTo(12_001);
    }

    @Test
    void aConsumerThatFailsStopsTheReadingAhead() {
        long run = stagedRun(900_007, 12_001);
        List<Integer> seqs = new ArrayList<>();

        assertThatThrownBy(() -> ledger.forEachRow(run, row -> {
            if (row.seq() == 6_000) {
                throw new IllegalStateException("the disk is full");
            }
            seqs.add(row.seq());
        })).isInstanceOf(IllegalStateException.class).hasMessage("the disk is full");

        assertThat(seqs).hasSize(5_999);
        await().atMost(Duration.ofMinutes(1)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals(Ledger.PAGE_READER)));
    }

    @Test
    void aCrashPutsInDoubtExactlyTheRowsOfTheMessagesOnTheWire() {
        long run = stagedRun(900_003, 8);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, TWO_MESSAGES));
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(firstAnswered())));

        assertThat(ledger.markInDoubt(run)).isEqualTo(2);

        assertThat(shown(run, null)).containsExactly("1 SENT#1<a>", "2 REFUSED#1<a>", "3 INVALID", "4 SENT#1<a>",
                "5 IN_DOUBT#2<b>", "6 IN_DOUBT#2<b>", "7 PENDING", "8 PENDING");
        assertThat(transactionStates(run)).containsExactly("1:ANSWERED", "2:LOST");
        assertThat(ledger.markInDoubt(run)).as("once").isZero();
        assertThat(ledger.firstToRead(run)).as("the next attempt reads above what was sent").isEqualTo(4);
        assertThat(ledger.pending(run, ledger.firstToRead(run), 10)).extracting(LedgerEntry::seq).containsExactly(7, 8);
    }

    @Test
    void aLostAnswerMarksItsMessagesRowsFirstThenPutsTheTransactionInDoubt() {
        long run = stagedRun(900_004, 8);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, TWO_MESSAGES));

        ledger.transactions().lost(run, 2, 1, List.of(5, 6), "421 4.4.2 timeout");
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(firstAnswered())));

        assertThat(states(run)).containsEntry(5, "IN_DOUBT#2<b>").containsEntry(6, "IN_DOUBT#2<b>")
                .containsEntry(1, "PENDING").containsEntry(7, "PENDING");
        assertThat(shown(run, null)).contains("1 SENT#1<a>", "5 IN_DOUBT#2<b>", "7 PENDING");
        assertThat(transactionStates(run)).containsExactly("1:ANSWERED", "2:LOST");
        assertThat(ledger.markInDoubt(run)).isZero();
    }

    @Test
    void aMessageTheRelayStoppedPartWayIsWrittenRowByRowAndItsUnsentRowsStayPending() {
        long run = stagedRun(900_005, 8);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, TWO_MESSAGES));

        // The relay answered seqs 1 and 2 the same, then gave up before seq 4.
        ledger.revertToPending(run, 1, List.of(4), "421 going away");
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(new Ledger.Answered(1, "<a>", List.of(
                new Ledger.Outcome(1, DeliveryStatus.SENT, "250 ok"), new Ledger.Outcome(2, DeliveryStatus.SENT, "250 ok")),
                null, Ledger.Rows.PARTLY_ANSWERED))));

        assertThat(states(run)).containsEntry(1, "SENT#1<a>").containsEntry(2, "SENT#1<a>").containsEntry(4, "PENDING");
        assertThat(transactionStates(run)).containsExactly("1:UNSENT", "2:SENDING");
    }

    /** Whether the message's usual answer is written into its rows (null: no end recorded) or kept on its transaction. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRangeHoldingAPendingRowOfNoMessageIsRefusedAtItsAnswerAndFoundInDoubt(boolean kept) {
        long run = stagedRun(kept ? 900_012 : 900_002, 6);
        // Seqs 1 and 4: the range 1..4 also holds PENDING seq 2, which is not this message's.
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(1, 4), 1, "<a>"))));
        Ledger.Answered answered = new Ledger.Answered(1, "<a>", List.of(new Ledger.Outcome(1, DeliveryStatus.SENT, "250 ok"),
                new Ledger.Outcome(4, DeliveryStatus.SENT, "250 ok")),
                kept ? new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 ok") : null, Ledger.Rows.PENDING);

        assertThatThrownBy(() -> ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(answered))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("held 3 PENDING rows, not 2");
        assertThat(states(run)).as("rolled back: nobody recorded as sent").doesNotContainValue("SENT#1<a>");
        assertThat(shown(run, DeliveryStatus.SENT)).isEmpty();

        // The next attempt finds the range on the wire: never sent twice, even the row it should not hold.
        assertThat(ledger.markInDoubt(run)).isEqualTo(3);
        assertThat(states(run)).containsEntry(2, "IN_DOUBT#1<a>").containsEntry(5, "PENDING");
    }

    // ---- rows a transaction speaks for (TransactionRanges): every writer settles them first ----------

    @Autowired
    LedgerFeedback feedback;

    @Autowired
    PersonalRows people;

    /** Message 1 (seqs 1, 2, 4) answered: 1 and 4 accepted (kept on the transaction), 2 refused; message 2 on the wire. */
    private long answeredRun(long runId) {
        return answeredRun(runId, "m");
    }

    private long answeredRun(long runId, String prefix) {
        long run = stagedRun(runId, 8, prefix);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, TWO_MESSAGES));
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(firstAnswered())));
        assertThat(states(run)).containsEntry(1, "PENDING").containsEntry(4, "PENDING");
        return run;
    }

    @Test
    void feedbackFindsTheMessageARowItsTransactionSpeaksForWasSentAndABounceSettlesTheRangeFirst() {
        long run = answeredRun(900_021);

        assertThat(feedback.runThatSent("m4@example.org", "<a>")).as("its transaction's Message-ID").isEmpty();
        String id = "<" + run + ".000001.7.00000000-0000-0000-0000-000000000000@amis.example>";
        jdbc.update("UPDATE bulletin_transaction SET message_id = ? WHERE run_id = ? AND message_no = 1", id, run);
        assertThat(feedback.runThatSent("m4@example.org", id)).contains(run);
        assertThat(feedback.runThatSent("m7@example.org", id)).as("a row it does not speak for").isEmpty();
        assertThat(feedback.runThatMailed("m1@example.org")).contains(run);
        assertThat(feedback.runThatMailed("m7@example.org")).isNotEqualTo(java.util.Optional.of(run));

        assertThat(feedback.markBounced(run, "m1@example.org", "550 5.1.1 gone")).isEqualTo(1);

        assertThat(states(run)).as("the range written, then the bounce").containsEntry(1, "BOUNCED#1" + id)
                .containsEntry(4, "SENT#1" + id).containsEntry(2, "REFUSED#1<a>").containsEntry(7, "PENDING");
        assertThat(shown(run, null)).contains("1 BOUNCED#1" + id, "4 SENT#1" + id);
        assertThat(ledger.counts(run).counts()).containsEntry(DeliveryStatus.SENT, 1L)
                .containsEntry(DeliveryStatus.BOUNCED, 1L).containsEntry(DeliveryStatus.PENDING, 2L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_transaction WHERE run_id = ? AND message_no = 1"
                + " AND first_seq IS NULL", Integer.class, run)).as("the range cleared").isEqualTo(1);
        jdbc.query("SELECT relay_reply, updated_at FROM bulletin_recipient WHERE run_id = ? AND seq = 4", rs -> {
            assertThat(rs.getString(1)).isEqualTo("250 2.0.0 queued as 1");
            assertThat(rs.getTimestamp(2)).as("the time of its answer").isEqualTo(jdbc.queryForObject(
                    "SELECT updated_at FROM bulletin_transaction WHERE run_id = ? AND message_no = 1", java.sql.Timestamp.class,
                    run));
        }, run);
    }

    @Test
    void anInDoubtRowAmongRowsATransactionSpeaksForGoesBackToPendingAloneWhenTheRelayNeverReceivedIt() {
        long run = stagedRun(900_022, 8);
        // Message 1 (5, 6) lost: in doubt. Message 2 then takes the PENDING rows 4, 7, 8: its range 4..8 holds 5 and 6.
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(5, 6), 1, "<a>"))));
        ledger.markInDoubtNow(run, 1, List.of(5, 6), "421 lost");
        ledger.inOwnTransaction(() -> ledger.markSending(run, 8, List.of(new Ledger.Sending(List.of(4, 7, 8), 2, "<b>"))));
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 8, List.of(new Ledger.Answered(2, "<b>", List.of(
                new Ledger.Outcome(4, DeliveryStatus.SENT, "250 ok"), new Ledger.Outcome(7, DeliveryStatus.SENT, "250 ok"),
                new Ledger.Outcome(8, DeliveryStatus.SENT, "250 ok")),
                new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 ok"), Ledger.Rows.PENDING))));
        assertThat(shown(run, null)).containsExactly("1 PENDING", "2 PENDING", "3 INVALID", "4 SENT#2<b>", "5 IN_DOUBT#1<a>",
                "6 IN_DOUBT#1<a>", "7 SENT#2<b>", "8 SENT#2<b>");

        assertThat(feedback.neverReceived(run, List.of(5), "Mailjet never received it")).isEqualTo(1);

        assertThat(shown(run, null)).as("5 alone is to send again; the range no longer speaks for it").containsExactly(
                "1 PENDING", "2 PENDING", "3 INVALID", "4 SENT#2<b>", "5 PENDING", "6 IN_DOUBT#1<a>", "7 SENT#2<b>",
                "8 SENT#2<b>");
        assertThat(ledger.counts(run).counts()).containsEntry(DeliveryStatus.PENDING, 3L).containsEntry(DeliveryStatus.SENT, 3L);
        assertThat(ledger.firstToRead(run)).isZero();
        assertThat(ledger.pending(run, 0, 10)).extracting(LedgerEntry::seq).containsExactly(1, 2, 5);
    }

    /** Message 1 (seqs 1, 2, 4) answered whole: 1 and 4 accepted (kept on its transaction), 2 deferred (FAILED). */
    private void sentWithAFailure(long run) {
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(1, 2, 4), 1, "<a>"))));
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(new Ledger.Answered(1, "<a>", List.of(
                new Ledger.Outcome(1, DeliveryStatus.SENT, "250 ok"), new Ledger.Outcome(2, DeliveryStatus.FAILED, "451 later"),
                new Ledger.Outcome(4, DeliveryStatus.SENT, "250 ok")),
                new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 ok"), Ledger.Rows.PENDING))));
    }

    @Test
    void reopeningAFailedRowAmongRowsATransactionSpeaksForSettlesTheRangeFirst() {
        long run = stagedRun(900_023, 8);
        sentWithAFailure(run);

        assertThat(ledger.reopen(run, true, false)).isEqualTo(1);

        assertThat(states(run)).containsEntry(1, "SENT#1<a>").containsEntry(2, "PENDING#1<a>").containsEntry(4, "SENT#1<a>");
        assertThat(shown(run, DeliveryStatus.PENDING)).containsExactly("2 PENDING#1<a>", "5 PENDING", "6 PENDING", "7 PENDING",
                "8 PENDING");
        assertThat(ledger.firstToRead(run)).isZero();
    }

    @Test
    void forgettingAPersonARangeSpeaksForKeepsTheirRowSentAndErasesThem() {
        long run = answeredRun(900_024, "forget");
        assertThat(LedgerParts.shownOf(ledger, "forget1@example.org")).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(DeliveryStatus.SENT));

        people.forgetAddress("forget1@example.org");

        assertThat(shown(run, null)).as("sent, not suppressed: it did leave (its Message-ID erased with it)")
                .contains("1 SENT#1null", "4 SENT#1<a>");
        assertThat(jdbc.queryForObject("SELECT address FROM bulletin_recipient WHERE run_id = ? AND seq = 1", String.class, run))
                .isEmpty();
        assertThat(ledger.counts(run).get(DeliveryStatus.SENT)).isEqualTo(2);
    }

    @Test
    void anAttemptReadsFromTheStartWhenAPendingRowLiesAmongRowsARangeSpeaksFor() {
        long run = stagedRun(900_025, 8);
        // Message 1 (1, 2): the relay stopped after 1, so 2 stays PENDING; message 2 (4, 5, 6) answered whole.
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(1, 2), 1, "<a>"),
                new Ledger.Sending(List.of(4, 5, 6), 2, "<b>"))));
        ledger.revertToPending(run, 1, List.of(2), "421 going away");
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(
                new Ledger.Answered(1, "<a>", List.of(new Ledger.Outcome(1, DeliveryStatus.SENT, "250 ok")), null,
                        Ledger.Rows.PARTLY_ANSWERED),
                new Ledger.Answered(2, "<b>", List.of(new Ledger.Outcome(4, DeliveryStatus.SENT, "250 ok"),
                        new Ledger.Outcome(5, DeliveryStatus.SENT, "250 ok"), new Ledger.Outcome(6, DeliveryStatus.SENT, "250 ok")),
                        new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 ok"), Ledger.Rows.PENDING))));
        assertThat(states(run)).containsEntry(2, "PENDING").containsEntry(5, "PENDING");

        assertThat(ledger.firstToRead(run)).as("2 lies below 6: read from the start").isZero();

        assertThat(states(run)).as("what the range spoke for written first").containsEntry(4, "SENT#2<b>")
                .containsEntry(5, "SENT#2<b>").containsEntry(6, "SENT#2<b>");
        assertThat(ledger.pending(run, 0, 10)).extracting(LedgerEntry::seq).containsExactly(2, 7, 8);
    }

    /** Message {@code messageNo} on the wire then answered whole: its usual answer kept on its transaction. */
    private void sentWhole(long run, int messageNo, Integer... seqs) {
        String id = "<" + messageNo + ">";
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(seqs), messageNo, id))));
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(new Ledger.Answered(messageNo, id,
                Arrays.stream(seqs).map(seq -> new Ledger.Outcome(seq, DeliveryStatus.SENT, "250 ok")).toList(),
                new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 ok"), Ledger.Rows.PENDING))));
    }

    @Test
    void anAttemptReadsFromTheStartOnceAfterRowsWerePutBackThenAboveTheRangesAgain() {
        long run = stagedRun(900_028, 10);
        sentWhole(run, 1, 1, 2);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(4, 5), 2, "<2>"))));
        ledger.revertToPending(run, 2, List.of(4, 5), "421 4.3.2 not now");
        sentWhole(run, 3, 6, 7);
        assertThat(states(run)).as("4 and 5 look like the rows the ranges speak for").containsEntry(4, "PENDING")
                .containsEntry(6, "PENDING");

        assertThat(ledger.firstToRead(run)).as("4 and 5 were put back below 7: from the start").isZero();
        assertThat(ledger.pending(run, 0, 10)).extracting(LedgerEntry::seq).containsExactly(4, 5, 8, 9, 10);

        // That attempt sends them; the next one, with nothing put back since, reads above its ranges again.
        sentWhole(run, 4, 4, 5, 8);
        assertThat(ledger.firstToRead(run)).isEqualTo(8);
        assertThat(ledger.pending(run, 8, 10)).extracting(LedgerEntry::seq).containsExactly(9, 10);
    }

    @Test
    void rowsASplitMessageHeldWhenTheRunDiedAreReadAgainFromTheStart() {
        long run = stagedRun(900_029, 8);
        // Message 1 (1, 2, 4): the relay took only 1 before the data; 2 and 4 are held for its next transaction.
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(1, 2, 4), 1, "<1>"))));
        ledger.transactions().narrowed(run, 1, 1, List.of(1), List.of(2, 4));
        sentWhole(run, 2, 5, 6); // on another connection, answered

        assertThat(ledger.markInDoubt(run)).as("1 only: it was handed over").isEqualTo(1);

        assertThat(states(run)).containsEntry(2, "PENDING").containsEntry(4, "PENDING").containsEntry(5, "PENDING");
        assertThat(ledger.firstToRead(run)).as("2 and 4 lie below 6").isZero();
        assertThat(ledger.pending(run, 0, 10)).extracting(LedgerEntry::seq).containsExactly(2, 4, 7, 8);
    }

    @Test
    void aFailedRowTheOperatorReopensBelowALaterMessageIsReadFromTheStart() {
        long run = stagedRun(900_032, 8);
        sentWithAFailure(run);
        sentWhole(run, 2, 5, 6);

        assertThat(ledger.reopen(run, true, false)).isEqualTo(1);

        assertThat(ledger.firstToRead(run)).as("2 lies below 6").isZero();
        assertThat(ledger.pending(run, 0, 10)).extracting(LedgerEntry::seq).containsExactly(2, 7, 8);
    }

    @Test
    void anInDoubtRowTheRelayNeverReceivedBelowALaterMessageIsReadFromTheStart() {
        long run = stagedRun(900_033, 8);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(1, 2), 1, "<a>"))));
        ledger.markInDoubtNow(run, 1, List.of(1, 2), "421 lost");
        sentWhole(run, 2, 4, 5);

        assertThat(feedback.neverReceived(run, List.of(1, 2), "Mailjet never received it")).isEqualTo(2);

        assertThat(ledger.firstToRead(run)).as("1 and 2 lie below 5").isZero();
        assertThat(ledger.pending(run, 0, 10)).extracting(LedgerEntry::seq).containsExactly(1, 2, 6, 7, 8);
    }

    @Test
    void aRowPutBackByAWriterThatDidNotSaySoIsFoundByTheAuditAndReadByTheAttemptAfter() {
        long run = stagedRun(900_030, 8);
        sentWhole(run, 1, 1, 2);
        sentWhole(run, 2, 4, 5);
        // A writer that forgets to count it: message 1's range dropped without its answer written.
        jdbc.update("UPDATE bulletin_transaction SET first_seq = NULL, last_seq = NULL WHERE run_id = ? AND message_no = 1",
                run);
        assertThat(ledger.firstToRead(run)).as("not counted: read above the ranges").isEqualTo(5);

        StrandedRows stranded = new StrandedRows();
        ledger.forEachRow(run, stranded);
        assertThat(stranded.found()).as("1 and 2 shown PENDING below 4, which message 2 carried").isTrue();
        ledger.readFromStartNextAttempt(run);

        assertThat(ledger.firstToRead(run)).isZero();
        assertThat(ledger.pending(run, 0, 10)).extracting(LedgerEntry::seq).containsExactly(1, 2, 6, 7, 8);
    }

    @Test
    void theAuditFindsNoStrandedRowInARunSentInOrder() {
        long run = stagedRun(900_031, 8);
        sentWhole(run, 1, 1, 2);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(4, 5), 2, "<2>"))));
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(new Ledger.Answered(2, "<2>", List.of(
                new Ledger.Outcome(4, DeliveryStatus.FAILED, "452 4.2.2 mailbox full"),
                new Ledger.Outcome(5, DeliveryStatus.SENT, "250 ok")), null, Ledger.Rows.PENDING))));

        StrandedRows stranded = new StrandedRows();
        ledger.forEachRow(run, stranded);
        assertThat(stranded.found()).as("sent, failed, invalid, then only PENDING rows").isFalse();
        assertThat(ledger.firstToRead(run)).isEqualTo(2);
    }

    @Test
    void aNewRunAfterAnAbandonedOneLeavesOutWhomItsTransactionsSpeakForAsSent() {
        long run = answeredRun(900_026);
        runs.saveRun(new RunRecord(900_027, "writes-" + run, "2026-11", "jobs/x.yml", "relay-" + run, "b@amis.example", null,
                "Undisclosed recipients:;", 10, Instant.now(), null, null, null));

        assertThat(ledger.reachedByOtherRuns("writes-" + run, "2026-11", 900_027)).as("sent, refused and on the wire")
                .containsOnlyKeys("m1@example.org", "m4@example.org", "m5@example.org", "m6@example.org")
                .containsValue(run);
    }
}
