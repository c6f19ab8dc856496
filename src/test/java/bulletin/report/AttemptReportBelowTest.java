package bulletin.report;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerFeedback;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.ledger.StagedRow;
import bulletin.ledger.WireTransactions;
import bulletin.support.TestHome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The report of an attempt that read its run from above a seq (a restart) is told the rows below
 * without reading the ones its answered messages speak for; what it shows must be what reading
 * every row shows: the counts, the recipients per minute, the problems listed by name — and a
 * PENDING row below that no message speaks for must be found.
 */
@SpringBootTest
class AttemptReportBelowTest {

    static final TestHome home = TestHome.create("attempt-report");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
    }

    @Autowired
    Ledger ledger;

    @Autowired
    Runs runs;

    @Autowired
    LedgerFeedback feedback;

    @Autowired
    JdbcTemplate jdbc;

    private static final long EXECUTION = 7;

    /**
     * Forty rows (3 INVALID, 7 DUPLICATE) and six messages, as earlier attempts left them: 1 (seqs
     * 1–6) sent but for a refusal; 2 (8–12) sent; 3 (13–17) its answer lost; 4 (18–22) refused but
     * for one, a range that shows REFUSED; 5 (23–27) sent, then one of them bounced (its range
     * settled); 6 (28–32) sent; 33–40 still PENDING.
     */
    private long run(long runId) {
        runs.saveRun(new RunRecord(runId, "report-" + runId, "2026-11", "jobs/x.yml", "relay-" + runId, "b@amis.example", null,
                "Undisclosed recipients:;", 5, Instant.now(), null, null, null));
        List<StagedRow> staged = new ArrayList<>();
        for (int seq = 1; seq <= 40; seq++) {
            staged.add(seq == 3 ? StagedRow.rejected("not an address", null, "m.csv", seq, DeliveryStatus.INVALID, "bad")
                    : seq == 7 ? StagedRow.rejected("m1@example.org", null, "m.csv", seq, DeliveryStatus.DUPLICATE, "twice")
                    : StagedRow.pending("m" + seq + "@example.org", "m" + seq + "@example.org", null, "m.csv", seq, null));
        }
        ledger.stage(runId, 1, staged);
        List<List<Integer>> messages = List.of(List.of(1, 2, 4, 5, 6), seqs(8, 12), seqs(13, 17), seqs(18, 22), seqs(23, 27),
                seqs(28, 32));
        List<Ledger.Sending> sending = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            sending.add(new Ledger.Sending(messages.get(i), i + 1, "<" + (i + 1) + ">"));
        }
        ledger.inOwnTransaction(() -> ledger.markSending(runId, EXECUTION, sending));
        ledger.inOwnTransaction(() -> ledger.recordAnswers(runId, EXECUTION, List.of(
                answered(1, messages.get(0), seq -> seq == 2 ? DeliveryStatus.REFUSED : DeliveryStatus.SENT),
                answered(2, messages.get(1), seq -> DeliveryStatus.SENT),
                answered(4, messages.get(3), seq -> seq == 22 ? DeliveryStatus.SENT : DeliveryStatus.REFUSED),
                answered(5, messages.get(4), seq -> DeliveryStatus.SENT),
                answered(6, messages.get(5), seq -> DeliveryStatus.SENT))));
        ledger.markInDoubtNow(runId, 3, messages.get(2), "connection lost after the data");
        ledger.inOwnTransaction(() -> feedback.markBounced(runId, "m25@example.org", "550 5.1.1 mailbox gone"));
        return runId;
    }

    private static List<Integer> seqs(int first, int last) {
        return IntStream.rangeClosed(first, last).boxed().toList();
    }

    private static Ledger.Answered answered(int messageNo, List<Integer> seqs,
                                            IntFunction<DeliveryStatus> status) {
        List<Ledger.Outcome> outcomes = seqs.stream().map(seq -> {
            DeliveryStatus state = status.apply(seq);
            return new Ledger.Outcome(seq, state, state == DeliveryStatus.SENT ? "250 2.0.0 queued as " + messageNo
                    : "550 5.1.1 no such user");
        }).toList();
        return new Ledger.Answered(messageNo, "<" + messageNo + ">", outcomes,
                new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 2.0.0 queued as " + messageNo), Ledger.Rows.PENDING);
    }

    private RunReportCollector everyRowRead(long runId) {
        RunReportCollector whole = new RunReportCollector();
        ledger.forEachRow(runId, whole);
        return whole;
    }

    private static void assertSameReport(RunReportCollector told, RunReportCollector whole) {
        for (DeliveryStatus status : DeliveryStatus.values()) {
            assertThat(told.counts().get(status)).as(status.name()).isEqualTo(whole.counts().get(status));
        }
        assertThat(told.perMinute()).isEqualTo(whole.perMinute());
        assertThat(told.problems()).isEqualTo(whole.problems());
        assertThat(told.leftOut()).isEqualTo(whole.leftOut());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 12, 17, 20, 27, 32})
    void rowsToldBelowWhereAnAttemptReadAndReadAboveMakeTheReportOfEveryRow(int readAbove) {
        long runId = run(700_000 + readAbove);
        RunReportCollector whole = everyRowRead(runId);
        assertThat(whole.counts().get(DeliveryStatus.REFUSED)).as("the scenario as described").isEqualTo(5);
        assertThat(whole.problems()).extracting(row -> row.seq() + " " + row.status()).contains("2 REFUSED", "3 INVALID",
                "7 DUPLICATE", "13 IN_DOUBT", "18 REFUSED", "25 BOUNCED");

        RunReportCollector told = new RunReportCollector();
        long stranded = told.tellRowsThrough(ledger, runId, readAbove);
        ledger.forEachRowAbove(runId, readAbove, told);

        assertSameReport(told, whole);
        assertThat(stranded).as("every row below is a message's or was set aside").isZero();
    }

    @Test
    void pendingRowsBelowThatNoMessageSpeaksForAreFoundAndCounted() {
        long runId = run(700_100);
        // Rows 33–40 were never sent; and an in-doubt row put back by hand, counting nothing.
        jdbc.update("UPDATE bulletin_recipient SET status = 'PENDING', message_no = NULL WHERE run_id = ? AND seq = 14", runId);
        RunReportCollector whole = everyRowRead(runId);

        RunReportCollector toldTo27 = new RunReportCollector();
        long strandedTo27 = toldTo27.tellRowsThrough(ledger, runId, 27);
        ledger.forEachRowAbove(runId, 27, toldTo27);
        RunReportCollector toldTo40 = new RunReportCollector();
        long strandedTo40 = toldTo40.tellRowsThrough(ledger, runId, 40);

        assertThat(strandedTo27).isEqualTo(1);
        assertSameReport(toldTo27, whole);
        assertThat(strandedTo40).isEqualTo(9);
        assertSameReport(toldTo40, whole);
    }
}
