package bulletin.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.support.TestHome;
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
 * killed, and gone — password reset — once idle.
 */
class SharedDatabaseTest {

    private static final String PROPERTIES = "hsqldb.tx=mvcc;hsqldb.default_table_type=cached;hsqldb.write_delay=false";

    private final TestHome home = TestHome.create("shared");
    private final Path database = home.path("data/db/bulletin");

    @Test
    void oneServerPerDatabaseGuardedByItsPasswordAndStoppedWhenIdle() throws Exception {
        SharedDatabase.Route first = SharedDatabase.connect(database, PROPERTIES, Duration.ofSeconds(1));
        try (Connection connection = DriverManager.getConnection(first.url(), "SA", first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (text VARCHAR(20))");
            statement.execute("INSERT INTO note VALUES ('kept')");

            SharedDatabase.Route second = SharedDatabase.connect(database, PROPERTIES, Duration.ofSeconds(1));
            assertThat(second).isEqualTo(first);
            assertThat(first.url()).startsWith("jdbc:hsqldb:hsql://127.0.0.1:");
            assertThatThrownBy(() -> DriverManager.getConnection(first.url(), "SA", "").close())
                    .isInstanceOf(SQLException.class);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ServerFile.of(database))))
                    .isEqualTo("rw-------");
        }

        assertThat(stopped(30_000)).as("stops once idle").isTrue();
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
        SharedDatabase.Route first = SharedDatabase.connect(database, PROPERTIES, Duration.ofSeconds(1));
        try (Connection connection = DriverManager.getConnection(first.url(), "SA", first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (text VARCHAR(20))");
            statement.execute("INSERT INTO note VALUES ('kept')");
        }
        ProcessHandle server = ProcessHandle.of(ServerFile.read(ServerFile.of(database)).orElseThrow().pid()).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);

        SharedDatabase.Route second = SharedDatabase.connect(database, PROPERTIES, Duration.ofSeconds(1));
        assertThat(second).isNotEqualTo(first); // a new server: its own port and password
        try (Connection connection = DriverManager.getConnection(second.url(), "SA", second.password());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM note")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(stopped(30_000)).isTrue();
    }

    private boolean stopped(long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        Path log = SharedDatabase.log(database);
        while (System.currentTimeMillis() < deadline) {
            if (!Files.exists(ServerFile.of(database)) && Files.readString(log).strip().endsWith("stopping")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
