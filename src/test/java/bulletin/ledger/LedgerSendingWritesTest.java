package bulletin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import bulletin.support.TestHome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
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
        runs.saveRun(new RunRecord(runId, "writes-" + runId, "2026-11", "jobs/x.yml", "relay-" + runId, "b@amis.example", null,
                "Undisclosed recipients:;", 10, Instant.now(), null, null, null));
        List<StagedRow> staged = new ArrayList<>();
        for (int seq = 1; seq <= rows; seq++) {
            staged.add(seq == 3 ? StagedRow.rejected("not an address", null, "m.csv", seq, DeliveryStatus.INVALID, "bad")
                    : StagedRow.pending("m" + seq + "@example.org", "m" + seq + "@example.org", null, "m.csv", seq, null));
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
    void messagesOnTheWireLeaveTheirRowsUnwrittenAndTheirAnswerWritesEachRowOnce() {
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

        assertThat(states(run)).containsExactly(Map.entry(1, "SENT#1<a>"), Map.entry(2, "REFUSED#1<a>"),
                Map.entry(3, "INVALID"), Map.entry(4, "SENT#1<a>"), Map.entry(5, "PENDING"), Map.entry(6, "PENDING"),
                Map.entry(7, "PENDING"), Map.entry(8, "PENDING"));
        assertThat(jdbc.queryForList("SELECT relay_reply FROM bulletin_recipient WHERE run_id = ? ORDER BY seq", String.class,
                run)).containsExactly("250 2.0.0 queued as 1", "550 5.1.1 no such user", null, "250 2.0.0 queued as 1", null,
                null, null, null);
        assertThat(transactionStates(run)).containsExactly("1:ANSWERED", "2:SENDING");
        assertThat(ledger.counts(run).get(DeliveryStatus.SENDING)).isEqualTo(2);
        assertThat(taken(run)).isEqualTo(5);
        jdbc.query("SELECT seq, updated_at FROM bulletin_recipient WHERE run_id = ? AND seq IN (5, 6, 7, 8)",
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

        assertThat(states(run)).containsExactly(Map.entry(1, "SENT#1<a>"), Map.entry(2, "REFUSED#1<a>"),
                Map.entry(3, "INVALID"), Map.entry(4, "SENT#1<a>"), Map.entry(5, "IN_DOUBT#2<b>"),
                Map.entry(6, "IN_DOUBT#2<b>"), Map.entry(7, "PENDING"), Map.entry(8, "PENDING"));
        assertThat(transactionStates(run)).containsExactly("1:ANSWERED", "2:LOST");
        assertThat(ledger.markInDoubt(run)).as("once").isZero();
    }

    @Test
    void aLostAnswerMarksItsMessagesRowsFirstThenPutsTheTransactionInDoubt() {
        long run = stagedRun(900_004, 8);
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, TWO_MESSAGES));

        ledger.transactions().lost(run, 2, 1, List.of(5, 6), "421 4.4.2 timeout");
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(firstAnswered())));

        assertThat(states(run)).containsEntry(5, "IN_DOUBT#2<b>").containsEntry(6, "IN_DOUBT#2<b>")
                .containsEntry(1, "SENT#1<a>").containsEntry(7, "PENDING");
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

    @Test
    void aRangeHoldingAPendingRowOfNoMessageIsRefusedAtItsAnswerAndFoundInDoubt() {
        long run = stagedRun(900_002, 6);
        // Seqs 1 and 4: the range 1..4 also holds PENDING seq 2, which is not this message's.
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(1, 4), 1, "<a>"))));
        Ledger.Answered answered = new Ledger.Answered(1, "<a>", List.of(new Ledger.Outcome(1, DeliveryStatus.SENT, "250 ok"),
                new Ledger.Outcome(4, DeliveryStatus.SENT, "250 ok")), null, Ledger.Rows.PENDING);

        assertThatThrownBy(() -> ledger.inOwnTransaction(() -> ledger.recordAnswers(run, 7, List.of(answered))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("held 3 PENDING rows, not 2");
        assertThat(states(run)).as("rolled back: nobody recorded as sent").doesNotContainValue("SENT#1<a>");

        // The next attempt finds the range on the wire: never sent twice, even the row it should not hold.
        assertThat(ledger.markInDoubt(run)).isEqualTo(3);
        assertThat(states(run)).containsEntry(2, "IN_DOUBT#1<a>").containsEntry(5, "PENDING");
    }
}
