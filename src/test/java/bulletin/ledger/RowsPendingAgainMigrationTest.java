package bulletin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.MemoryDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V23 on a ledger written before it, when an attempt still counted the PENDING rows below its
 * answered ranges: a run that has such ranges is read from its start by its next attempt, once.
 */
class RowsPendingAgainMigrationTest {

    private long stagedRun(Ledger ledger, Runs runs, long runId) {
        runs.saveRun(new RunRecord(runId, "v23-" + runId, "2026-11", "jobs/x.yml", "relay", "b@amis.example", null,
                "Undisclosed recipients:;", 10, Instant.now(), null, null, null));
        List<StagedRow> rows = new ArrayList<>();
        for (int seq = 1; seq <= 8; seq++) {
            rows.add(StagedRow.pending("m" + seq + "@example.org", "m" + seq + "@example.org", null, "m.csv", seq, null));
        }
        ledger.stage(runId, 1, rows);
        return runId;
    }

    @Test
    void aRunWithAnsweredRangesIsReadFromItsStartOnceAfterTheUpgrade() {
        MemoryDatabase database = MemoryDatabase.createAt("22");
        DataSource dataSource = database.dataSource();
        Ledger ledger = new Ledger(dataSource, database.transactions());
        Runs runs = new Runs(dataSource);
        long sent = stagedRun(ledger, runs, 1);
        long untouched = stagedRun(ledger, runs, 2);
        // Message 1 (1, 2) did not leave, as V22 recorded it: its transaction UNSENT, its rows left PENDING.
        ledger.inOwnTransaction(() -> ledger.markSending(sent, 7, List.of(new Ledger.Sending(List.of(1, 2), 1, "<1>"),
                new Ledger.Sending(List.of(4, 5), 2, "<2>"))));
        new JdbcTemplate(dataSource).update("UPDATE bulletin_transaction SET state = 'UNSENT' WHERE run_id = ? AND message_no = 1",
                sent);
        // Message 2 (4, 5) answered whole: its answer kept on its transaction, its rows PENDING.
        ledger.inOwnTransaction(() -> ledger.recordAnswers(sent, 7, List.of(new Ledger.Answered(2, "<2>", List.of(
                new Ledger.Outcome(4, DeliveryStatus.SENT, "250 ok"), new Ledger.Outcome(5, DeliveryStatus.SENT, "250 ok")),
                new WireTransactions.End(1, WireTransactions.State.ANSWERED, "250 ok"), Ledger.Rows.PENDING))));

        database.migrateTo("latest");

        assertThat(ledger.firstToRead(sent)).as("1 and 2 lie below 5: from the start").isZero();
        assertThat(ledger.pending(sent, 0, 10)).extracting(LedgerEntry::seq).containsExactly(1, 2, 3, 6, 7, 8);
        assertThat(ledger.firstToRead(untouched)).isZero();
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT pending_again FROM bulletin_run ORDER BY run_id",
                Integer.class)).as("only the run with answered ranges").containsExactly(1, 0);
    }
}
