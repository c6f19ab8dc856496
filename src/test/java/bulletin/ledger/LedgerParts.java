package bulletin.ledger;

import bulletin.support.MemoryDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The ledger's repositories on a database, built as Spring builds them, for specifications without a context. */
public final class LedgerParts {

    private LedgerParts() {
    }

    public static Ledger ledger(MemoryDatabase database) {
        return new Ledger(database.dataSource(), database.transactions());
    }

    public static Runs runs(MemoryDatabase database) {
        return new Runs(database.dataSource());
    }

    public static SendEvents events(MemoryDatabase database) {
        return new SendEvents(database.dataSource());
    }

    public static CampaignProblems campaignProblems(MemoryDatabase database) {
        return new CampaignProblems(database.dataSource());
    }

    public static LedgerFeedback feedback(MemoryDatabase database) {
        return new LedgerFeedback(database.dataSource());
    }

    /**
     * The run's rows in staging order as the ledger shows them to everyone (its audit): a row a
     * transaction speaks for with that transaction's answer, whatever the table stores (see
     * {@link TransactionRanges}). What a test reads instead of the table.
     */
    public static List<AuditRow> shown(Ledger ledger, long runId) {
        List<AuditRow> rows = new ArrayList<>();
        ledger.forEachRow(runId, rows::add);
        return rows;
    }

    public static List<AuditRow> shown(DataSource dataSource, long runId) {
        return shown(ledger(dataSource), runId);
    }

    /** The addresses of the run's rows shown in this state, in staging order. */
    public static List<String> addresses(Ledger ledger, long runId, DeliveryStatus state) {
        return shown(ledger, runId).stream().filter(row -> row.status() == state).map(AuditRow::address).toList();
    }

    /** The run's one row of this address (as written), as shown. */
    public static AuditRow shownRow(Ledger ledger, long runId, String address) {
        List<AuditRow> rows = shown(ledger, runId).stream().filter(row -> row.address().equals(address)).toList();
        if (rows.size() != 1) {
            throw new IllegalStateException(rows.size() + " rows of " + address + " in run " + runId);
        }
        return rows.get(0);
    }

    /** Every row about this address, in every run, oldest run first, as shown (what {@code audit --address} reads). */
    public static List<AuditRow> shownOf(Ledger ledger, String address) {
        List<AuditRow> rows = new ArrayList<>();
        ledger.forEachRowOfAddress(address, person -> rows.add(person.row()));
        return rows;
    }

    /**
     * The rows of every run of a campaign as shown, oldest run first, read through one open
     * connection (a test that opened the database files itself).
     */
    public static List<AuditRow> shownOfCampaign(Connection connection, String campaign) {
        DataSource dataSource = new SingleConnectionDataSource(connection, true);
        List<AuditRow> rows = new ArrayList<>();
        for (Long runId : new JdbcTemplate(dataSource).queryForList("SELECT run_id FROM bulletin_run WHERE campaign = ?"
                + " ORDER BY run_id", Long.class, campaign)) {
            rows.addAll(shown(dataSource, runId));
        }
        return rows;
    }

    /** The rows of every run as shown, oldest run first, through one open connection. */
    public static List<AuditRow> shownOfAll(Connection connection) {
        DataSource dataSource = new SingleConnectionDataSource(connection, true);
        List<AuditRow> rows = new ArrayList<>();
        for (Long runId : new JdbcTemplate(dataSource).queryForList("SELECT run_id FROM bulletin_run ORDER BY run_id",
                Long.class)) {
            rows.addAll(shown(dataSource, runId));
        }
        return rows;
    }

    public static Ledger ledger(DataSource dataSource) {
        return new Ledger(dataSource, new DataSourceTransactionManager(dataSource));
    }
}
