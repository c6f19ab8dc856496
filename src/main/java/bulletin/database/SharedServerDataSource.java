package bulletin.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The physical connections of Bulletin's pool when the file database is shared: each one goes
 * through {@link SharedDatabase}, so the pool's first connection is the one that finds (or starts)
 * the server, and a pool whose server was stopped or killed gets a new server with its next
 * connection — a {@code schedule} that runs for months outlives any number of them. Over the
 * server's protocol each keeps its prepared statements ({@link CachedStatements}): preparing is a
 * request of its own. A command that sends may hold the files itself ({@link HostedDatabase}): its
 * connections are then in-process.
 *
 * <p><b>Threads.</b> Called by the pool's threads at once; it holds nothing that changes.
 */
final class SharedServerDataSource extends AbstractDataSource {

    /**
     * Test-only JVM property naming a file GATE: having found a running server, the command
     * creates GATE.found and connects only once GATE exists. A test stops the server in between to
     * show that it costs nothing ({@code -Dbulletin.test.after-discovery=GATE}).
     */
    static final String AFTER_DISCOVERY = "bulletin.test.after-discovery";

    private static final Duration GATE_PATIENCE = Duration.ofMinutes(5);

    private final Path database;
    private final String properties;
    private final Duration idleShutdown;
    private final SharedDatabase.Role role;
    private final Runnable afterDiscovery;

    /**
     * The shared server's source for a datasource URL, or empty when the URL is not an HSQLDB
     * file database or the files are opened in-process: the pool and the early start both ask here.
     */
    static Optional<SharedServerDataSource> of(String url, DatabaseSettings settings) {
        if (url == null || !settings.shared()) {
            return Optional.empty();
        }
        return DatabaseUrls.hsqldbFile(url).map(database -> new SharedServerDataSource(database,
                DatabaseUrls.hsqldbProperties(url), settings.idleShutdown(),
                settings.host() ? SharedDatabase.Role.HOST : SharedDatabase.Role.GUEST));
    }

    SharedServerDataSource(Path database, String properties, Duration idleShutdown, SharedDatabase.Role role) {
        this.database = database;
        this.properties = properties;
        this.idleShutdown = idleShutdown;
        this.role = role;
        String gate = System.getProperty(AFTER_DISCOVERY);
        this.afterDiscovery = gate == null ? () -> { } : () -> holdAt(Path.of(gate));
    }

    private static void holdAt(Path gate) {
        try {
            Files.writeString(gate.resolveSibling(gate.getFileName() + ".found"), "");
            long deadline = System.nanoTime() + GATE_PATIENCE.toNanos();
            while (!Files.exists(gate) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = SharedDatabase.open(database, properties, idleShutdown, role, afterDiscovery);
        // In-process, preparing a statement is no request: only the server's clients keep theirs.
        return HostedDatabase.of(database).isPresent() ? connection : CachedStatements.of(connection);
    }

    /** The server's own random password is the only one that opens it: the arguments cannot apply. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /** Hikari sets one; the server's start has its own patience (SharedDatabase), so it is not used. */
    @Override
    public void setLoginTimeout(int seconds) {
        // nothing: see above
    }

    @Override
    public String toString() {
        return "SharedServerDataSource[" + database + "]"; // never the password
    }
}
