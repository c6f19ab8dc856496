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
import java.util.concurrent.CompletableFuture;
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
        notesThroughAHelper("kept");
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
        notesThroughAHelper();
        long first = serverPid();
        ProcessHandle firstServer = ProcessHandle.of(first).orElseThrow();

        Runnable waitForTheIdleStop = () -> await().atMost(Duration.ofMinutes(1)).until(() -> !firstServer.isAlive());
        try (Connection connection = SharedDatabase.open(database, PROPERTIES, IDLE, SharedDatabase.Role.GUEST, waitForTheIdleStop)) {
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
            pool.setDataSource(new SharedServerDataSource(database, PROPERTIES, IDLE, SharedDatabase.Role.GUEST));
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

    /**
     * A command that sends holds the files itself: no helper, its own connections in-process, the
     * others served on loopback with the session's password. Its close waits while another process
     * is connected (whose work goes on), then lets the files go cleanly, and the next command finds
     * them as a helper would have left them.
     */
    @Test
    void aSendingProcessHoldsTheFilesItselfServesTheOthersAndClosesOnceTheyAreDone() throws Exception {
        HostedDatabase hosted;
        try (Connection own = SharedDatabase.open(database, PROPERTIES, IDLE, SharedDatabase.Role.HOST, () -> { });
             Statement statement = own.createStatement()) {
            statement.execute("CREATE TABLE note (text VARCHAR(20))");
            statement.execute("INSERT INTO note VALUES ('host')");
            assertThat(own.getMetaData().getURL()).as("in-process").startsWith("jdbc:hsqldb:file:");
            hosted = HostedDatabase.of(database).orElseThrow();
        }
        assertThat(serverPid()).as("served by this process").isEqualTo(ProcessHandle.current().pid());
        assertThat(SharedDatabase.log(database)).as("no helper started").doesNotExist();
        ServerFile published = ServerFile.read(ServerFile.of(database)).orElseThrow();
        assertThatThrownBy(() -> DriverManager.getConnection(published.url(), "SA", "").close())
                .isInstanceOf(SQLException.class);

        try (Connection other = DriverManager.getConnection(published.url(), "SA", published.password())) {
            assertThat(count(other, "SELECT COUNT(*) FROM note")).isEqualTo(1);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(HostedDatabase::closeAll);
            await().atMost(Duration.ofMinutes(1)).until(hosted::waitingForOthers);
            try (Statement statement = other.createStatement()) {
                statement.execute("INSERT INTO note VALUES ('other')");
            }
            assertThat(closing).as("still serving the other process").isNotDone();
            assertThat(ServerFile.of(database)).exists();
            other.close();
            closing.get(1, TimeUnit.MINUTES);
        }
        assertThat(ServerFile.of(database)).doesNotExist();
        assertThat(HostedDatabase.of(database)).isEmpty();
        // A clean close: the password set back and nothing to replay; the other's row is there.
        assertThat(Path.of(database + ".lck")).doesNotExist();
        try (Connection connection = DriverManager.getConnection("jdbc:hsqldb:file:" + database + ";shutdown=true", "SA", "")) {
            assertThat(count(connection, "SELECT COUNT(*) FROM note")).isEqualTo(2);
        }
        try (Connection next = SharedDatabase.open(database, PROPERTIES, IDLE)) {
            assertThat(serverPid()).as("the next command's helper").isNotEqualTo(ProcessHandle.current().pid());
            assertThat(count(next, "SELECT COUNT(*) FROM note")).isEqualTo(2);
        }
        awaitStopped();
    }

    /**
     * HSQLDB lets the files of a killed holder be opened only once its lock's heartbeat is ten
     * seconds old; Bulletin knows the holder from its server file, and a dead holder's lock goes at once.
     */
    @Test
    void theLockOfAKilledHolderIsRemovedAndTheFilesOpenAtOnce() throws Exception {
        notesThroughAHelper("kept");
        ServerFile killed = ServerFile.read(ServerFile.of(database)).orElseThrow();
        kill(killed.pid());
        String url = "jdbc:hsqldb:file:" + database + ";shutdown=true";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "SA", killed.password()).close())
                .as("HSQLDB's own lock, fresh").hasMessageContaining("lock");

        StaleLock.removeIfItsHolderDied(database);

        try (Connection connection = DriverManager.getConnection(url, "SA", killed.password())) {
            assertThat(count(connection, "SELECT COUNT(*) FROM note")).isEqualTo(1);
        }
    }

    /** Files a sending command cannot open (here: another password) are named, not retried. */
    @Test
    void filesASendingCommandCannotOpenAreNamedWithTheDatabasesWords() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:hsqldb:file:" + database + ";shutdown=true", "SA", "");
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER USER SA SET PASSWORD 'not-bulletins'");
        }

        assertThatThrownBy(() -> SharedDatabase.open(database, PROPERTIES, IDLE, SharedDatabase.Role.HOST, () -> { }).close())
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("The database " + database + " cannot be opened: ")
                .hasMessageContaining("invalid authorization")
                .as("no helper, no helper's log to read").hasMessageNotContaining("server's log");
        assertThat(HostedDatabase.of(database)).isEmpty();
        assertThat(ServerFile.of(database)).doesNotExist();
    }

    @Test
    void theLockOfALiveHolderStays() throws Exception {
        Files.createDirectories(database.getParent());
        Path lock = Path.of(database + ".lck");
        Files.writeString(lock, "held");
        new ServerFile(1, "x", ProcessHandle.current().pid()).write(ServerFile.of(database));

        StaleLock.removeIfItsHolderDied(database);

        assertThat(lock).exists();
        Files.delete(ServerFile.of(database));
    }

    /** A table of notes holding {@code texts}, written through a helper that this leaves running. */
    private void notesThroughAHelper(String... texts) throws SQLException {
        try (Connection connection = SharedDatabase.open(database, PROPERTIES, IDLE);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (text VARCHAR(20))");
            for (String text : texts) {
                statement.execute("INSERT INTO note VALUES ('" + text + "')");
            }
        }
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
