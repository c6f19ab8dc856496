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
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.hsqldb.server.Server;
import org.hsqldb.server.ServerConstants;

/**
 * The process that holds Bulletin's HSQLDB file database and serves it on loopback, so that
 * {@code status} can read the ledger while a {@code send} or {@code schedule} writes it (a file
 * database admits one process). Any Bulletin command starts it when none is running
 * ({@link SharedDatabase}); it stops by itself once no Bulletin process has been connected for the
 * idle time, after a clean SHUTDOWN, refusing new connections from the moment it decides to.
 *
 * <p>The database's SA password is a fresh random one while the server runs (written only to the
 * owner-readable {@link ServerFile}), so that another local user cannot read the members'
 * addresses through the port; it is set back to empty at a clean stop, for the embedded mode.
 *
 * <p>Started as {@code java ... --database-server PATH PROPERTIES IDLE_SECONDS}; prints one line
 * per event to its log ({@code DB.server.log}).
 *
 * <p><b>Threads.</b> HSQLDB serves each connection on a thread of its own; the idle clock runs on
 * the main thread, and the JVM's shutdown hook may stop the server from another: {@code stop} is
 * synchronized, so that it runs once.
 */
public final class DatabaseServer {

    static final String ARGUMENT = "--database-server";

    /** Exit status when the files are locked by another program (or a server still stopping). */
    static final int LOCKED = 3;

    private final Path database;
    private final String properties;
    private final Duration idle;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Connection admin;
    private LoopbackServer server;

    private DatabaseServer(Path database, String properties, Duration idle) {
        this.database = database;
        this.properties = properties;
        this.idle = idle;
    }

    public static void main(String[] args) throws Exception {
        DatabaseServer server = new DatabaseServer(Path.of(args[0]), args[1], Duration.ofSeconds(Long.parseLong(args[2])));
        System.exit(server.run());
    }

    private int run() throws Exception {
        try {
            admin = openWithRetry();
        } catch (SQLException e) {
            say("cannot open " + database + ": " + e.getMessage());
            return LOCKED;
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER USER SA SET PASSWORD '" + password + "'");
        }
        server = new LoopbackServer();
        server.setLogWriter(null); // before anything else: it traces every setter to stdout
        server.setErrWriter(null);
        server.setSilent(true);
        server.setAddress("127.0.0.1");
        server.setPort(0);
        server.setDatabaseName(0, ServerFile.DATABASE_NAME);
        server.setDatabasePath(0, "file:" + database + (properties.isEmpty() ? "" : ";" + properties));
        server.setNoSystemExit(true);
        server.start();
        if (server.getState() != ServerConstants.SERVER_STATE_ONLINE) {
            say("cannot listen on loopback: " + server.getStateDescriptor());
            stop();
            return 1;
        }
        Path file = ServerFile.of(database);
        ServerFile published = new ServerFile(server.getLocalPort(), password, ProcessHandle.current().pid());
        published.write(file);
        say("serving " + database + " on 127.0.0.1:" + published.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (admin != null) {
                deleteQuietly(file);
                stop();
            }
        }));

        long idleSince = System.nanoTime();
        while (true) {
            Thread.sleep(250); // an idle clock: nothing to wait on but time
            if (server.connections() > 0) {
                idleSince = System.nanoTime();
                continue;
            }
            if (System.nanoTime() - idleSince < idle.toNanos() || !server.closeIfUnused()) {
                continue;
            }
            // From here on every new connection is refused, so none can be cut by the SHUTDOWN: a
            // client refused starts the next server, which opens the files once this one let go.
            deleteQuietly(file);
            say("no Bulletin process for " + idle.toSeconds() + " s: stopping");
            stop();
            return 0;
        }
    }

    private Connection openWithRetry() throws Exception {
        String url = "jdbc:hsqldb:file:" + database + (properties.isEmpty() ? "" : ";" + properties);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(url, "SA", "");
            } catch (SQLException e) {
                // A server killed before it could set the password back left its own: it is in its file.
                var left = ServerFile.read(ServerFile.of(database));
                if (left.isPresent() && isAuthentication(e)) {
                    return DriverManager.getConnection(url, "SA", left.get().password());
                }
                if (isAuthentication(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200); // locked: most likely a server that is still stopping
            }
        }
    }

    private static boolean isAuthentication(SQLException e) {
        return e.getErrorCode() == -4000 || String.valueOf(e.getMessage()).contains("invalid authorization");
    }

    private synchronized void stop() {
        if (admin == null) {
            return;
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER USER SA SET PASSWORD ''");
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            say("shutdown: " + e.getMessage());
        }
        admin = null;
        if (server != null) {
            server.stop();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (Exception e) {
            // the next server overwrites it; a client finding nobody at its port starts one
        }
    }

    private static void say(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        System.out.flush();
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

        /** Open connections, counting those still in their handshake. */
        int connections() {
            return serverConnectionThreadGroup.activeCount();
        }

        /** Refuses every new connection from now on, if none is open; whether it did. */
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
