package bulletin.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import bulletin.support.TestHome;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database server as Bulletin starts it (a real child JVM on the test's class path): one per
 * database, reachable on loopback with its own password only, surviving its clients, replaced when
 * killed or stopped under a client's feet, and gone — password reset — once idle.
 */
class SharedDatabaseTest {

    private static final String PROPERTIES = "hsqldb.tx=mvcc;hsqldb.default_table_type=cached;hsqldb.write_delay=false";
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final TestHome home = TestHome.create("shared");
    private final Path database = home.path("data/db/bulletin");

    @Test
    void oneServerPerDatabaseGuardedByItsPasswordAndStoppedWhenIdle() throws Exception {
        try (Connection first = SharedDatabase.open(database, PROPERTIES, IDLE);
             Statement statement = first.createStatement()) {
            statement.execute("CREATE TABLE note (text VARCHAR(20))");
            statement.execute("INSERT INTO note VALUES ('kept')");
            long server = serverPid();

            try (Connection second = SharedDatabase.open(database, PROPERTIES, IDLE)) {
                assertThat(serverPid()).as("one server for both").isEqualTo(server);
                assertThat(count(second, "SELECT COUNT(*) FROM note")).isEqualTo(1);
            }
            ServerFile published = ServerFile.read(ServerFile.of(database)).orElseThrow();
            assertThat(published.url()).startsWith("jdbc:hsqldb:hsql://127.0.0.1:");
            assertThatThrownBy(() -> DriverManager.getConnection(published.url(), "SA", "").close())
                    .isInstanceOf(SQLException.class);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ServerFile.of(database))))
                    .isEqualTo("rw-------");
        }

        awaitStopped();
        // A clean stop sets the password back: the files open in-process as before.
        try (Connection connection = DriverManager.getConnection("jdbc:hsqldb:file:" + database + ";shutdown=true", "SA", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT text FROM note")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void aKilledServerIsReplacedAndNothingCommittedIsLost() throws Exception {
        try (Connection connection = SharedDatabase.open(database, PROPERTIES, IDLE);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (text VARCHAR(20))");
            statement.execute("INSERT INTO note VALUES ('kept')");
        }
        long first = serverPid();
        kill(first);

        try (Connection connection = SharedDatabase.open(database, PROPERTIES, IDLE)) {
            assertThat(serverPid()).as("a new server").isNotEqualTo(first);
            assertThat(count(connection, "SELECT COUNT(*) FROM note")).isEqualTo(1);
        }
        awaitStopped();
    }

    /**
     * The start race: a command finds the server, and before it connects the server has gone idle
     * and stopped (a busy machine, a slow start). The connection it gets is a new server's.
     */
    @Test
    void aServerThatStopsBetweenDiscoveryAndConnectionIsReplacedAtOnce() throws Exception {
        try (Connection connection = SharedDatabase.open(database, PROPERTIES, IDLE);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (text VARCHAR(20))");
        }
        long first = serverPid();
        ProcessHandle firstServer = ProcessHandle.of(first).orElseThrow();

        Runnable waitForTheIdleStop = () -> await().atMost(Duration.ofMinutes(1)).until(() -> !firstServer.isAlive());
        try (Connection connection = SharedDatabase.open(database, PROPERTIES, IDLE, waitForTheIdleStop)) {
            assertThat(firstServer.isAlive()).isFalse();
            assertThat(serverPid()).as("a new server").isNotEqualTo(first);
            assertThat(count(connection, "SELECT COUNT(*) FROM note")).isZero();
        }
        assertThat(Files.readString(SharedDatabase.log(database))).contains("no Bulletin process for 1 s: stopping");
        awaitStopped();
    }

    /** What {@code schedule} lives on: a pool that outlives its server gets a new one with its next connection. */
    @Test
    void aPoolWhoseServerWasKilledGetsANewServer() throws Exception {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setDataSource(new SharedServerDataSource(database, PROPERTIES, IDLE));
            pool.setMaximumPoolSize(2);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (text VARCHAR(20))");
                statement.execute("INSERT INTO note VALUES ('kept')");
            }
            long first = serverPid();
            kill(first);

            // The pool may hand out a connection it has not checked yet: that one fails and is evicted.
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> {
                try (Connection connection = pool.getConnection()) {
                    assertThat(count(connection, "SELECT COUNT(*) FROM note")).isEqualTo(1);
                }
            });
            assertThat(serverPid()).isNotEqualTo(first);
        }
        awaitStopped();
    }

    private long serverPid() {
        return ServerFile.read(ServerFile.of(database)).orElseThrow().pid();
    }

    private static void kill(long pid) throws Exception {
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    private static int count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void awaitStopped() {
        Path log = SharedDatabase.log(database);
        await().atMost(Duration.ofMinutes(1)).until(() -> !Files.exists(ServerFile.of(database))
                && Files.readString(log).strip().endsWith("stopping"));
    }
}
