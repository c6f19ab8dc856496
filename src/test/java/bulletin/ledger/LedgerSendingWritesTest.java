package bulletin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.support.TestHome;
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
 * The send loop's writes on the real database: one range statement per message marks exactly its
 * rows, answers by range touch only their message's rows, and a range that holds a row it should
 * not is refused and done row by row.
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
    JdbcTemplate jdbc;

    /** A run of {@code rows} PENDING rows numbered from 1, with an INVALID row at seq 3. */
    private long stagedRun(long runId, int rows) {
        ledger.saveRun(new RunRecord(runId, "writes-" + runId, "2026-11", "jobs/x.yml", "outbox", "b@amis.example", null,
                "Undisclosed recipients:;", 10, Instant.now(), null, null, null));
        List<StagedRow> staged = new ArrayList<>();
        for (int seq = 1; seq <= rows; seq++) {
            staged.add(seq == 3 ? StagedRow.rejected("not an address", null, "m.csv", seq, DeliveryStatus.INVALID, "bad")
                    : StagedRow.pending("m" + seq + "@example.org", "m" + seq + "@example.org", null, "m.csv", seq, null));
        }
        ledger.stage(runId, 1, staged);
        return runId;
    }

    private Map<Integer, String> states(long runId) {
        Map<Integer, String> states = new TreeMap<>();
        jdbc.query("SELECT seq, status, message_no FROM bulletin_recipient WHERE run_id = ?", rs -> {
            states.put(rs.getInt(1), rs.getString(2) + (rs.getObject(3) == null ? "" : "#" + rs.getInt(3)));
        }, runId);
        return states;
    }

    @Test
    void aMessageRangeMarksItsPendingRowsAndAnswersTouchOnlyTheirMessage() {
        long run = stagedRun(900_001, 8);
        // Message 1: seqs 1, 2, 4 (3 is INVALID, inside the range); message 2: seqs 5, 6.
        ledger.inOwnTransaction(() -> ledger.markSending(run, 7, List.of(new Ledger.Sending(List.of(1, 2, 4), 1, "<a>"),
                new Ledger.Sending(List.of(5, 6), 2, "<b>"))));

        assertThat(states(run)).containsExactly(Map.entry(1, "SENDING#1"), Map.entry(2, "SENDING#1"), Map.entry(3, "INVALID"),
                Map.entry(4, "SENDING#1"), Map.entry(5, "SENDING#2"), Map.entry(6, "SENDING#2"), Map.entry(7, "PENDING"),
                Map.entry(8, "PENDING"));
        assertThat(ledger.nextMessageNumber(run)).isEqualTo(3);

        // Message 1 answered: two accepted, one refused; message 2 still waits for its answer.
        ledger.inOwnTransaction(() -> ledger.recordAnswers(run, List.of(new Ledger.Answered(1, List.of(
                new Ledger.Outcome(1, DeliveryStatus.SENT, "250 2.0.0 queued as 1"),
                new Ledger.Outcome(2, DeliveryStatus.REFUSED, "550 5.1.1 no such user"),
                new Ledger.Outcome(4, DeliveryStatus.SENT, "250 2.0.0 queued as 1")),
                new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 2.0.0 queued as 1")))));

        assertThat(states(run)).containsExactly(Map.entry(1, "SENT#1"), Map.entry(2, "REFUSED#1"), Map.entry(3, "INVALID"),
                Map.entry(4, "SENT#1"), Map.entry(5, "SENDING#2"), Map.entry(6, "SENDING#2"), Map.entry(7, "PENDING"),
                Map.entry(8, "PENDING"));
        assertThat(jdbc.queryForList("SELECT relay_reply FROM bulletin_recipient WHERE run_id = ? ORDER BY seq", String.class,
                run)).containsExactly("250 2.0.0 queued as 1", "550 5.1.1 no such user", null, "250 2.0.0 queued as 1", null,
                null, null, null);
    }

    @Test
    void aRangeHoldingAPendingRowOfNoMessageIsRefusedThenMarkedRowByRow() {
        long run = stagedRun(900_002, 6);
        // Seqs 1 and 4: the range 1..4 also holds PENDING seq 2, which is not this message's.
        List<Ledger.Sending> message = List.of(new Ledger.Sending(List.of(1, 4), 1, "<a>"));

        assertThatThrownBy(() -> ledger.inOwnTransaction(() -> ledger.markSending(run, 7, message)))
                .isInstanceOf(Ledger.RangeChanged.class).hasMessageContaining("3 PENDING rows, not 2");
        assertThat(states(run)).as("rolled back").containsValues("PENDING", "INVALID").doesNotContainValue("SENDING#1");

        ledger.inOwnTransaction(() -> ledger.markSendingRowByRow(run, 7, message));
        assertThat(states(run)).containsExactly(Map.entry(1, "SENDING#1"), Map.entry(2, "PENDING"), Map.entry(3, "INVALID"),
                Map.entry(4, "SENDING#1"), Map.entry(5, "PENDING"), Map.entry(6, "PENDING"));
    }
}
