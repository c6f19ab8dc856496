package bulletin.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.hsqldb.server.Server;
import org.hsqldb.server.ServerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file database opened by this JVM and served to the other Bulletin processes on loopback:
 * what the database helper ({@link DatabaseServer}) is, and what a sending command that holds the
 * files itself ({@link HostedDatabase}) is. It publishes itself in the {@link ServerFile}.
 *
 * <p>The database's SA password is a fresh random one while it is served (written only to the
 * owner-readable {@link ServerFile}), so that another local user cannot read the members'
 * addresses through the port; it is set back to empty at a clean stop, for the in-process mode.
 *
 * <p><b>Threads.</b> HSQLDB serves each connection on a thread of its own; {@code stop} may be
 * called from any thread and runs once.
 */
final class ServedDatabase {

    private static final Logger log = LoggerFactory.getLogger(ServedDatabase.class);

    /** How long an open waits for files another process is letting go of (a server stopping). */
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(15);

    private final Path database;
    private final String properties;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Connection admin;
    private LoopbackServer server;

    private ServedDatabase(Path database, String properties) {
        this.database = database;
        this.properties = properties;
    }

    /** Thrown when the files stay locked by another program (or a server still stopping). */
    static final class Locked extends SQLException {
        Locked(String message, SQLException cause) {
            super(message, cause);
        }
    }

    /**
     * Opens the files, sets the session password and starts serving them.
     *
     * @throws Locked       when another program holds the files past the patience
     * @throws SQLException when they cannot be opened or served, saying why
     */
    static ServedDatabase open(Path database, String properties) throws SQLException, InterruptedException {
        ServedDatabase served = new ServedDatabase(database, properties);
        served.admin = openFiles(database, properties);
        try (Statement statement = served.admin.createStatement()) {
            statement.execute("ALTER USER SA SET PASSWORD '" + served.password + "'");
        }
        served.serve();
        return served;
    }

    private void serve() throws SQLException {
        server = new LoopbackServer();
        server.setLogWriter(null); // before anything else: it traces every setter to stdout
        server.setErrWriter(null);
        server.setSilent(true);
        server.setAddress("127.0.0.1");
        server.setPort(0);
        server.setDatabaseName(0, ServerFile.DATABASE_NAME);
        // The same path and properties as the files opened above: HSQLDB serves the open database.
        server.setDatabasePath(0, "file:" + database + (properties.isEmpty() ? "" : ";" + properties));
        server.setNoSystemExit(true);
        server.start();
        if (server.getState() != ServerConstants.SERVER_STATE_ONLINE) {
            String why = "cannot listen on loopback: " + server.getStateDescriptor();
            stop();
            throw new SQLException(why);
        }
        new ServerFile(server.getLocalPort(), password, ProcessHandle.current().pid()).write(ServerFile.of(database));
    }

    int port() {
        return server.getLocalPort();
    }

    /** A new in-process connection to the served files: no request over loopback. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(inProcessUrl(database, properties), "SA", password);
    }

    private static String inProcessUrl(Path database, String properties) {
        return "jdbc:hsqldb:file:" + database + (properties.isEmpty() ? "" : ";" + properties);
    }

    /** Connections from other processes, counting those still in their handshake. */
    int guests() {
        return server.connections();
    }

    /**
     * Refuses every new connection from now on, if none is open; whether it did. Then a client
     * refused finds no server and starts the next one, which opens the files once these are let go.
     */
    boolean closeIfUnused() {
        return server.closeIfUnused();
    }

    /** No longer published, password set back, the files closed cleanly (checkpoint), the port closed. */
    synchronized void stop() {
        if (admin == null) {
            return;
        }
        deleteQuietly(ServerFile.of(database));
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER USER SA SET PASSWORD ''");
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // the next opener replays the log: nothing committed is lost
            log.warn("The database {} was not closed cleanly: {}", database, e.getMessage());
        }
        admin = null;
        if (server != null) {
            server.stop();
        }
    }

    /**
     * An in-process connection to the files, waiting for a server that is letting them go: a
     * killed holder's lock is removed ({@link StaleLock}) and its session password, which it could
     * not set back, is read from its server file.
     */
    static Connection openFiles(Path database, String properties) throws SQLException, InterruptedException {
        String url = inProcessUrl(database, properties);
        StaleLock.removeIfItsHolderDied(database);
        long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(url, "SA", "");
            } catch (SQLException e) {
                // A server killed before it could set the password back left its own: it is in its file.
                Optional<ServerFile> left = ServerFile.read(ServerFile.of(database));
                if (left.isPresent() && isAuthentication(e)) {
                    return DriverManager.getConnection(url, "SA", left.get().password());
                }
                if (isAuthentication(e)) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new Locked("cannot open " + database + ": " + e.getMessage(), e);
                }
                Thread.sleep(200); // locked: most likely a server that is still stopping
            }
        }
    }

    private static boolean isAuthentication(SQLException e) {
        return e.getErrorCode() == -4000 || String.valueOf(e.getMessage()).contains("invalid authorization");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next server overwrites it; a client finding nobody at its port starts one
        }
    }

    /**
     * Refuses anything but loopback, whatever address the socket ends up bound to, and counts its
     * connections itself: each is a thread of the server's connection group from the moment it is
     * accepted (before its session exists) until it closes, and the decision to stop is taken
     * under the same lock as each acceptance, so a connection is either counted or refused.
     */
    private static final class LoopbackServer extends Server {

        private final Object gate = new Object();
        private boolean closing;

        @Override
        protected boolean allowConnection(Socket socket) {
            InetAddress peer = socket.getInetAddress();
            return peer != null && peer.isLoopbackAddress() && super.allowConnection(socket);
        }

        @Override
        public void handleConnection(Socket socket) {
            synchronized (gate) {
                if (closing) {
                    closeQuietly(socket);
                    return;
                }
                super.handleConnection(socket); // starts the connection's thread before it returns
            }
        }

        int connections() {
            return serverConnectionThreadGroup.activeCount();
        }

        boolean closeIfUnused() {
            synchronized (gate) {
                closing = connections() == 0;
                return closing;
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // the client sees the connection end either way
            }
        }
    }
}
