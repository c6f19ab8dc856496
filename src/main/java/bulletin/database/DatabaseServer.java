package bulletin.database;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The helper: a process that holds Bulletin's HSQLDB file database and serves it on loopback
 * ({@link ServedDatabase}), so that {@code status} can read the ledger while another command
 * writes it (a file database admits one process). A command that does not send starts it when
 * nobody holds the files ({@link SharedDatabase}; a command that sends holds them itself,
 * {@link HostedDatabase}); it stops by itself once no Bulletin process has been connected for the
 * idle time, after a clean SHUTDOWN, refusing new connections from the moment it decides to.
 *
 * <p>Started as {@code java ... --database-server PATH PROPERTIES IDLE_SECONDS}; prints one line
 * per event to its log ({@code DB.server.log}).
 *
 * <p><b>Threads.</b> HSQLDB serves each connection on a thread of its own; the idle clock runs on
 * the main thread, and the JVM's shutdown hook may stop the server from another ({@link
 * ServedDatabase#stop} runs once).
 */
public final class DatabaseServer {

    static final String ARGUMENT = "--database-server";

    /** Exit status when the files are locked by another program (or a server still stopping). */
    static final int LOCKED = 3;

    private DatabaseServer() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Path.of(args[0]), args[1], Duration.ofSeconds(Long.parseLong(args[2]))));
    }

    private static int run(Path database, String properties, Duration idle) throws Exception {
        ServedDatabase served;
        try {
            served = ServedDatabase.open(database, properties);
        } catch (ServedDatabase.Locked e) {
            say(e.getMessage());
            return LOCKED;
        } catch (SQLException e) {
            say("cannot serve " + database + ": " + e.getMessage());
            return 1;
        }
        say("serving " + database + " on 127.0.0.1:" + served.port());
        Runtime.getRuntime().addShutdownHook(new Thread(served::stop));

        long idleSince = System.nanoTime();
        while (true) {
            Thread.sleep(250); // an idle clock: nothing to wait on but time
            if (served.guests() > 0) {
                idleSince = System.nanoTime();
                continue;
            }
            if (System.nanoTime() - idleSince < idle.toNanos() || !served.closeIfUnused()) {
                continue;
            }
            // From here on every new connection is refused, so none can be cut by the SHUTDOWN.
            say("no Bulletin process for " + idle.toSeconds() + " s: stopping");
            served.stop();
            return 0;
        }
    }

    private static void say(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        System.out.flush();
    }
}
