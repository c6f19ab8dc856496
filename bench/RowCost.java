import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * What one answered recipient row costs HSQLDB, and what would change it (issue #26): the
 * embedded engine, in this process, without Bulletin or its database helper. A file database
 * made as application.yml makes it, 100,000 staged rows of the ledger's shape, then each
 * 50-recipient message's usual answer written into its rows by one range statement, committed as
 * the send loop commits. Ledger.recordAnswers wrote them so until session 18; since then the usual
 * answer stays on its transaction's row and this is what settling a range costs
 * (TransactionRanges.settle: a bounce, an erasure, a restart that must read its run from the
 * start). Prints the milliseconds of the answers only.
 * The table and the update are copies of the ledger's (db/migration, TransactionRanges.settle), kept
 * apart on purpose: this runs on HSQLDB's jar alone; change them when those change.
 *
 * <p>Run by bench/bench.py, one variant per JVM: {@code java -cp hsqldb.jar bench/RowCost.java VARIANT}
 * <ul>
 * <li>{@code ledger}: as a settled range is written, a commit per message;</li>
 * <li>{@code round-of-4}: a commit per four messages (a round on four connections);</li>
 * <li>{@code one-batch}: every answer in one batch and one commit (answers settled after the send);</li>
 * <li>{@code narrow}: the row holds only what an answer changes (the rest in a table of its own);</li>
 * <li>{@code no-state-index}: without the (run_id, status, seq) index;</li>
 * <li>{@code locks}: HSQLDB's two-phase locking instead of MVCC;</li>
 * <li>{@code no-log}: without the log (not an option: a commit must survive a SIGKILL; it sizes the log's share).</li>
 * </ul>
 */
public class RowCost {

    static final int ROWS = 100_000;
    static final int ENVELOPE = 50;

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        Path folder = Files.createTempDirectory("bulletin-row-cost");
        String url = "jdbc:hsqldb:file:" + folder.resolve("db") + ";hsqldb.tx=" + (variant.equals("locks") ? "locks" : "mvcc")
                + ";hsqldb.default_table_type=cached;hsqldb.write_delay=false;hsqldb.cache_rows=150000"
                + ";hsqldb.cache_size=32768" + (variant.equals("no-log") ? ";hsqldb.log_data=false" : "");
        boolean narrow = variant.equals("narrow");
        try (Connection connection = DriverManager.getConnection(url, "SA", "")) {
            Statement statement = connection.createStatement();
            statement.execute(narrow
                    ? "CREATE CACHED TABLE r (run_id BIGINT NOT NULL, seq INT NOT NULL, status VARCHAR(20) NOT NULL,"
                    + " reason VARCHAR(2000), execution_id BIGINT, message_no INT, message_id VARCHAR(1000), part_no INT,"
                    + " relay_reply VARCHAR(2000), updated_at TIMESTAMP NOT NULL, PRIMARY KEY (run_id, seq))"
                    : "CREATE CACHED TABLE r (run_id BIGINT NOT NULL, seq INT NOT NULL, address VARCHAR(1000) NOT NULL,"
                    + " address_key VARCHAR(1000), display_name VARCHAR(1000), source_file VARCHAR(2000), source_line BIGINT,"
                    + " status VARCHAR(20) NOT NULL, reason VARCHAR(2000), execution_id BIGINT, message_no INT,"
                    + " message_id VARCHAR(1000), part_no INT, relay_reply VARCHAR(2000), updated_at TIMESTAMP NOT NULL,"
                    + " fields VARCHAR(32000), PRIMARY KEY (run_id, seq))");
            if (!variant.equals("no-state-index")) {
                statement.execute("CREATE INDEX r_state ON r (run_id, status, seq)");
            }
            connection.setAutoCommit(false);
            stage(connection, narrow);
            statement.execute("CHECKPOINT");
            long started = System.nanoTime();
            answer(connection, variant);
            System.out.println((System.nanoTime() - started) / 1_000_000);
            statement.execute("SHUTDOWN");
        }
    }

    /** The rows as the bench's members.csv stages them. */
    static void stage(Connection connection, boolean narrow) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(narrow
                ? "INSERT INTO r (run_id, seq, status, updated_at) VALUES (1, ?, 'PENDING', CURRENT_TIMESTAMP)"
                : "INSERT INTO r (run_id, seq, address, address_key, display_name, source_file, source_line, status,"
                + " updated_at, fields) VALUES (1, ?, ?, ?, ?, 'data/members.csv', ?, 'PENDING', CURRENT_TIMESTAMP, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setInt(1, i + 1);
                if (!narrow) {
                    String address = "member" + i + "@m" + i % 97 + ".bench.example";
                    insert.setString(2, address);
                    insert.setString(3, address);
                    insert.setString(4, "Prénom" + i + " Nom" + i);
                    insert.setLong(5, i + 2);
                    insert.setString(6, "{\"Prénom\":\"Prénom" + i + "\",\"Nom\":\"Nom" + i + "\",\"Email\":\"" + address + "\"}");
                }
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    /** Each message's usual answer, one range statement, as Ledger.recordAnswers writes it. */
    static void answer(Connection connection, String variant) throws Exception {
        int messagesPerCommit = variant.equals("round-of-4") ? 4 : variant.equals("one-batch") ? ROWS / ENVELOPE : 1;
        try (PreparedStatement update = connection.prepareStatement("UPDATE r SET status = ?, relay_reply = ?,"
                + " updated_at = ?, execution_id = ?, message_no = ?, message_id = ?, part_no = COALESCE(part_no, 1)"
                + " WHERE run_id = ? AND seq BETWEEN ? AND ? AND status = 'PENDING'")) {
            for (int message = 1; message <= ROWS / ENVELOPE; message++) {
                update.setString(1, "SENT");
                update.setString(2, "250 2.0.0 Ok: queued as 4Q" + Integer.toHexString(message * 7919));
                update.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
                update.setLong(4, 1);
                update.setInt(5, message);
                update.setString(6, "<" + message + ".bench@bench.example>");
                update.setLong(7, 1);
                update.setInt(8, (message - 1) * ENVELOPE + 1);
                update.setInt(9, message * ENVELOPE);
                update.addBatch();
                if (message % messagesPerCommit == 0) {
                    for (int count : update.executeBatch()) {
                        if (count != ENVELOPE) {
                            throw new IllegalStateException("a range held " + count + " PENDING rows");
                        }
                    }
                    connection.commit();
                }
            }
        }
    }
}
