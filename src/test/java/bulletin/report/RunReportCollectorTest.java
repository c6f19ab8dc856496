package bulletin.report;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The report lists the first problems in staging order, whatever order its rows are told in. */
class RunReportCollectorTest {

    private static AuditRow row(int seq, DeliveryStatus status) {
        return new AuditRow("lettre", "2026-11", 1L, seq, "m" + seq + "@example.org", null, status, null, null, null, null,
                "m.csv", (long) seq, Instant.parse("2026-11-02T10:00:00Z"));
    }

    @Test
    void rowsToldStateByStateAndBackwardsStillListTheFirstProblemsBySeq() {
        RunReportCollector collector = new RunReportCollector();
        // As an attempt's report is told the rows below where it read: one state after another, not in seq order.
        IntStream.iterate(1200, seq -> seq > 600, seq -> seq - 1).forEach(seq -> collector.accept(row(seq, DeliveryStatus.FAILED)));
        IntStream.rangeClosed(1, 600).forEach(seq -> collector.accept(row(seq, seq % 2 == 0 ? DeliveryStatus.IN_DOUBT
                : DeliveryStatus.SENT)));

        assertThat(collector.problems()).hasSize(RunReportCollector.LISTED);
        assertThat(collector.problems()).extracting(AuditRow::seq)
                .containsExactlyElementsOf(IntStream.concat(IntStream.rangeClosed(1, 300).map(n -> 2 * n),
                        IntStream.rangeClosed(601, 800)).boxed().toList());
        assertThat(collector.leftOut()).isEqualTo(300 + 600 - RunReportCollector.LISTED);
        assertThat(collector.counts().get(DeliveryStatus.FAILED)).isEqualTo(600);
        assertThat(collector.counts().get(DeliveryStatus.SENT)).isEqualTo(300);
    }
}
