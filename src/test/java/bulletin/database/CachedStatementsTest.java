package bulletin.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import bulletin.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prepared statements a connection to the shared server keeps, on a real server (the helper's
 * child JVM): the same SQL reuses the statement the server prepared, a statement is never lent to
 * two users at once, and nothing one user left on it reaches the next.
 */
class CachedStatementsTest {

    private static final String PROPERTIES = "hsqldb.tx=mvcc;hsqldb.default_table_type=cached;hsqldb.write_delay=false";

    private final TestHome home = TestHome.create("cached-statements");
    private final Path database = home.path("data/db/bulletin");
    private Connection connection;

    @BeforeEach
    void openThroughTheSharedServer() throws Exception {
        // The pool's way in: the wrapping is the data source's, not the test's.
        connection = new SharedServerDataSource(database, PROPERTIES, Duration.ofSeconds(1), SharedDatabase.Role.GUEST).getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (n INT)");
            statement.execute("INSERT INTO note VALUES (1), (2), (3)");
        }
    }

    @AfterEach
    void closeAndLetTheServerStop() throws Exception {
        if (!connection.isClosed()) {
            connection.close();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> !Files.exists(ServerFile.of(database)));
    }

    @Test
    void theSameSqlReusesTheStatementTheServerPrepared() throws Exception {
        PreparedStatement first = behind("SELECT n FROM note WHERE n = ?", statement -> {
            statement.setInt(1, 2);
            assertThat(values(statement)).containsExactly(2);
        });
        PreparedStatement second = behind("SELECT n FROM note WHERE n = ?", statement -> {
            statement.setInt(1, 3);
            assertThat(values(statement)).containsExactly(3);
        });
        assertThat(second).isSameAs(first);
        assertThat(first.isClosed()).as("kept open for the next use").isFalse();
        PreparedStatement other = behind("SELECT n FROM note", statement -> assertThat(values(statement)).hasSize(3));
        assertThat(other).isNotSameAs(first);
    }

    @Test
    void aStatementInUseIsNeverLentToASecondUser() throws Exception {
        List<Integer> outer = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT n FROM note ORDER BY n");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                outer.add(rows.getInt(1));
                // The same SQL while the first is iterated: shared, its execution would close the outer result.
                try (PreparedStatement inner = connection.prepareStatement("SELECT n FROM note ORDER BY n")) {
                    assertThat(inner.unwrap(PreparedStatement.class)).isNotSameAs(statement.unwrap(PreparedStatement.class));
                    assertThat(values(inner)).containsExactly(1, 2, 3);
                }
            }
        }
        assertThat(outer).containsExactly(1, 2, 3);
    }

    @Test
    void nothingAUserLeftReachesTheNext() throws Exception {
        String insert = "INSERT INTO note VALUES (?)";
        PreparedStatement first = behind(insert, statement -> {
            statement.setInt(1, 7);
            statement.addBatch(); // left unexecuted
        });
        PreparedStatement second = behind(insert, statement -> {
            assertThat(statement.executeBatch()).as("the batch left behind").isEmpty();
            assertThatThrownBy(statement::executeUpdate).as("the parameter left behind").isInstanceOf(SQLException.class);
        });
        assertThat(second).isSameAs(first);
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void aClosedStatementRefusesEveryCallSinceItMayBeLentAgain() throws Exception {
        PreparedStatement statement = connection.prepareStatement("SELECT n FROM note");
        statement.close();
        assertThat(statement.isClosed()).isTrue();
        assertThatThrownBy(statement::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("closed");
        statement.close(); // twice is harmless, as JDBC wants
        try (PreparedStatement again = connection.prepareStatement("SELECT n FROM note")) {
            assertThat(values(again)).hasSize(3);
        }
    }

    @Test
    void aKeptStatementClosedBehindTheCachesBackIsNotLentAgain() throws Exception {
        Statement behindIt;
        try (PreparedStatement statement = connection.prepareStatement("SELECT n FROM note");
             ResultSet rows = statement.executeQuery()) {
            behindIt = rows.getStatement(); // the server's statement itself, which JDBC lets a result hand out
        }
        behindIt.close(); // after the cache took it back
        try (PreparedStatement again = connection.prepareStatement("SELECT n FROM note")) {
            assertThat(values(again)).hasSize(3);
        }
    }

    @Test
    void aStatementWhoseSettingsChangedIsClosedNotKept() throws Exception {
        PreparedStatement limited = behind("SELECT n FROM note", statement -> {
            statement.setMaxRows(1);
            assertThat(values(statement)).hasSize(1);
        });
        assertThat(limited.isClosed()).isTrue();
        PreparedStatement next = behind("SELECT n FROM note", statement -> {
            assertThat(statement.getMaxRows()).isZero();
            assertThat(values(statement)).hasSize(3);
        });
        assertThat(next).isNotSameAs(limited);
    }

    @Test
    void aBoundedNumberIsKeptTheLeastRecentlyUsedClosedFirst() throws Exception {
        List<PreparedStatement> prepared = new ArrayList<>();
        for (int i = 0; i <= CachedStatements.KEPT; i++) {
            int n = i;
            prepared.add(behind("SELECT n + " + n + " FROM note", statement -> assertThat(values(statement)).hasSize(3)));
        }
        assertThat(prepared.get(0).isClosed()).as("the eldest, past the bound").isTrue();
        assertThat(prepared.subList(1, prepared.size())).noneMatch(CachedStatementsTest::isClosed);
    }

    @Test
    void closingTheConnectionClosesWhatItKept() throws Exception {
        PreparedStatement kept = behind("SELECT n FROM note", statement -> assertThat(values(statement)).hasSize(3));
        assertThat(kept.isClosed()).isFalse();
        connection.close();
        assertThat(kept.isClosed()).isTrue();
    }

    @Test
    void aKeptStatementTheSchemaChangeInvalidatedIsPreparedAgainWithWhatWasSetOnIt() throws Exception {
        String sql = "SELECT * FROM note WHERE n >= ? ORDER BY n";
        PreparedStatement before = behind(sql, statement -> {
            statement.setInt(1, 2);
            assertThat(columns(statement)).isEqualTo(1);
        });
        try (Statement statement = connection.createStatement()) {
            // As a migration would (from another process): the kept statement's result no longer fits.
            statement.execute("ALTER TABLE note ADD COLUMN label VARCHAR(10) DEFAULT 'x'");
        }
        PreparedStatement after = behind(sql, statement -> {
            statement.setInt(1, 3);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.getMetaData().getColumnCount()).isEqualTo(2);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).as("the parameter set before the statement was replaced").isEqualTo(3);
                assertThat(rows.next()).isFalse();
            }
        });
        assertThat(after).isNotSameAs(before);
        assertThat(before.isClosed()).isTrue();
    }

    /** What a use is given, for the test to look at once it was given back. */
    private interface Use {
        void accept(PreparedStatement statement) throws SQLException;
    }

    /** Prepares {@code sql}, runs {@code use} on it, closes it; returns the server's statement behind it. */
    private PreparedStatement behind(String sql, Use use) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            use.accept(statement);
            return statement.unwrap(PreparedStatement.class);
        }
    }

    private static List<Integer> values(PreparedStatement statement) throws SQLException {
        List<Integer> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
        }
        return values;
    }

    private static int columns(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.getMetaData().getColumnCount();
        }
    }

    private int count() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM note")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean isClosed(PreparedStatement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
