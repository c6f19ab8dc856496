package bulletin.database;

import bulletin.files.OwnerOnly;
import bulletin.text.TerminalWords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file database held by this process itself, when a command that sends ({@code send},
 * {@code restart}, {@code schedule}) finds no server: its own connections are in-process — no
 * request over loopback, no second JVM warming up HSQLDB's code (bench/RESULTS.md, sessions 14–17:
 * a fresh helper cost 2–4 s of a 100,000-recipient send) — and it serves the files on loopback to
 * the other Bulletin processes that come meanwhile, exactly as the helper would ({@link ServedDatabase}).
 *
 * <p><b>Its lifetime.</b> A process serving others cannot leave them in the middle of their work:
 * when its own work is done (its pool closed), it waits until no other process is connected, then
 * refuses new connections and closes the files; a process refused finds no server and starts the
 * next one (a helper, or its own files if it sends), which opens the files as soon as they are let
 * go. Their pools keep no idle connection for long ({@link DatabaseConfiguration}), so a
 * {@code schedule} that merely waits does not hold it. A process killed leaves its guests'
 * connections broken: each one's next connection starts a new server, as when the helper is killed.
 *
 * <p><b>Threads.</b> The pool's threads get connections at once; the registry and the start are
 * under the class's lock; a close waits for the others outside it, on the thread closing the context.
 */
final class HostedDatabase {

    private static final Logger log = LoggerFactory.getLogger(HostedDatabase.class);

    /** After this long waiting for others, the operator is told why the command has not ended. */
    private static final Duration SAY_AFTER = Duration.ofSeconds(1);

    private static final Map<Path, HostedDatabase> HOSTED = new HashMap<>();

    private final Path database;
    private final ServedDatabase served;
    private volatile boolean waiting;

    private HostedDatabase(Path database, ServedDatabase served) {
        this.database = database;
        this.served = served;
    }

    /** The database this process holds at {@code database}, if it does. */
    static synchronized Optional<HostedDatabase> of(Path database) {
        return Optional.ofNullable(HOSTED.get(database.toAbsolutePath()));
    }

    /**
     * Opens the files in this process and serves them to the others. Called under the start lock,
     * once no server answered.
     */
    static synchronized HostedDatabase start(Path database, String properties) throws SQLException, InterruptedException {
        Path key = database.toAbsolutePath();
        HostedDatabase hosted = HOSTED.get(key);
        if (hosted == null) {
            hosted = new HostedDatabase(key, ServedDatabase.open(key, properties));
            HOSTED.put(key, hosted);
            log.debug("This process holds the database {} and serves it on 127.0.0.1:{}", key, hosted.served.port());
        }
        return hosted;
    }

    Connection connect() throws SQLException {
        return served.connect();
    }

    /**
     * Closes every database this process holds, each once no other process uses it: called when
     * the process's own pool is closed.
     */
    static void closeAll() {
        List<HostedDatabase> all;
        synchronized (HostedDatabase.class) {
            all = List.copyOf(HOSTED.values());
        }
        for (HostedDatabase hosted : all) {
            hosted.close();
        }
    }

    /** Spring's handle on {@link #closeAll}: a bean the pool depends on, so that it is closed after the pool. */
    static final class ClosedAfterThePool implements AutoCloseable {
        @Override
        public void close() {
            closeAll();
        }
    }

    private void close() {
        long since = System.nanoTime();
        boolean said = false;
        try {
            while (!served.closeIfUnused()) {
                waiting = true;
                if (!said && System.nanoTime() - since > SAY_AFTER.toNanos()) {
                    log.info(TerminalWords.key("log.database-waiting"), "{} other Bulletin process(es) use the database"
                            + " this one holds: it closes the database and ends once they are done", served.guests());
                    said = true;
                }
                Thread.sleep(100); // other processes' connections: nothing to wait on but their count
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped all the same: the others' next connection starts a server
        }
        served.stop();
        // This process wrote the files with its own umask (the helper's start under umask 077 makes
        // its files owner-only from their first byte); their folder was its owner's only meanwhile.
        OwnerOnly.tighten(database.getParent());
        synchronized (HostedDatabase.class) {
            HOSTED.remove(database);
        }
    }

    /** Whether its close found other processes connected and is waiting for them: for tests. */
    boolean waitingForOthers() {
        return waiting;
    }
}
