package bulletin.database;

import bulletin.text.Sentence;
import bulletin.text.SpokenException;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Moves a Bulletin home's database to PostgreSQL: the target gets the same schema from the same
 * migrations, then every row — runs and their history (Spring Batch's tables), the ledger, the
 * suppression list, the feedback already read, the budgets' history (which is the ledger), the sends' tries
 * again and pauses — in one
 * transaction, checked by counting each table on both sides before it commits. The source is
 * only read.
 */
public final class DatabaseCopy {

    /** Tables in an order that satisfies their foreign keys. */
    private static final List<String> TABLES = List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION",
            "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION",
            "BATCH_STEP_EXECUTION_CONTEXT", "bulletin_run", "bulletin_recipient", "bulletin_suppression",
            "bulletin_feedback_message", "bulletin_soft_bounce", "bulletin_mailjet_event", "bulletin_mailjet_pull",
            "bulletin_send_event", "bulletin_unsubscribe_confirmation", "bulletin_campaign_problem", "bulletin_transaction",
            "bulletin_letter");
    /** Spring Batch's id sequences on PostgreSQL, and the column each one numbers. */
    private static final List<String[]> SEQUENCES = List.of(
            new String[] {"BATCH_JOB_INSTANCE_SEQ", "BATCH_JOB_INSTANCE", "JOB_INSTANCE_ID"},
            new String[] {"BATCH_JOB_EXECUTION_SEQ", "BATCH_JOB_EXECUTION", "JOB_EXECUTION_ID"},
            new String[] {"BATCH_STEP_EXECUTION_SEQ", "BATCH_STEP_EXECUTION", "STEP_EXECUTION_ID"});
    private static final int BATCH = 1000;

    /** One table's rows on both sides after the copy. */
    public record Counted(String table, long source, long target) {
    }

    private DatabaseCopy() {
    }

    /**
     * @param password read from the environment by the caller, never from the command line
     * @throws DatabaseCopyException saying what to do, with nothing committed in the target
     */
    public static List<Counted> toPostgres(DataSource source, String targetUrl, String username, String password) {
        if (!DatabaseUrls.isPostgresql(targetUrl)) {
            throw new DatabaseCopyException(Sentence.of("database.not-postgres", targetUrl));
        }
        try (Connection target = DriverManager.getConnection(targetUrl, username, password)) {
            refuseIfInUse(target, targetUrl);
            Flyway.configure().dataSource(targetUrl, username, password)
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            target.setAutoCommit(false);
            List<Counted> counted = new ArrayList<>();
            try (Connection from = source.getConnection()) {
                from.setReadOnly(true);
                for (String table : TABLES) {
                    copy(from, target, table);
                    counted.add(new Counted(table, count(from, table), count(target, table)));
                }
                for (String[] sequence : SEQUENCES) {
                    try (Statement statement = target.createStatement()) {
                        statement.execute("SELECT setval('" + sequence[0] + "', COALESCE((SELECT MAX(" + sequence[2]
                                + ") FROM " + sequence[1] + "), 0) + 1, false)");
                    }
                }
            }
            List<Counted> different = counted.stream().filter(c -> c.source() != c.target()).toList();
            if (!different.isEmpty()) {
                target.rollback();
                throw new DatabaseCopyException(Sentence.of("database.counts-differ", different));
            }
            target.commit();
            return counted;
        } catch (SQLException e) {
            throw new DatabaseCopyException(Sentence.of("database.copy-failed", targetUrl, e.getMessage()), e);
        }
    }

    /** The target must be new: a copy never mixes two homes' runs. */
    private static void refuseIfInUse(Connection target, String url) throws SQLException {
        try (ResultSet tables = target.getMetaData().getTables(null, null, "bulletin_run", null)) {
            if (!tables.next()) {
                return;
            }
        }
        if (count(target, "bulletin_run") > 0) {
            throw new DatabaseCopyException(Sentence.of("database.not-empty", url));
        }
    }

    private static void copy(Connection from, Connection to, String table) throws SQLException {
        try (Statement select = from.createStatement(); ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            StringJoiner columns = new StringJoiner(", ");
            StringJoiner marks = new StringJoiner(", ");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
                marks.add("?");
            }
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES ("
                    + marks + ")")) {
                int pending = 0;
                while (rows.next()) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rows.getObject(i);
                        if (value instanceof Clob clob) {
                            value = clob.getSubString(1, (int) clob.length());
                        }
                        insert.setObject(i, value);
                    }
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The copy could not be made: the message says why; nothing was kept in the target. */
    public static final class DatabaseCopyException extends SpokenException implements bulletin.problem.UserError {

        DatabaseCopyException(Sentence sentence) {
            this(sentence, null);
        }

        DatabaseCopyException(Sentence sentence, Throwable cause) {
            super(sentence, cause);
        }
    }
}
