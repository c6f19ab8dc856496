package bulletin.database;

import bulletin.files.OwnerOnly;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to the database server that holds a Bulletin file database, starting it when
 * none runs. Every Bulletin process goes through it, so that any number of them can work on one
 * database: a {@code status} beside a {@code send}, a one-off send beside {@code schedule}.
 *
 * <p>Finding the server and connecting to it are one step: the connection that proves the server
 * is there is the connection handed back, so a server can never stop between the two (it only
 * stops when it has no connection at all, and refuses new ones from then on). A connection refused
 * because its server stopped or was killed is followed at once by a new server.
 *
 * <p>Two commands that find no server at the same moment start only one: the start is done under
 * an exclusive file lock ({@code DB.server.lock}), and the second one then finds the first's.
 *
 * <p>A command that sends holds the files itself when it finds no server ({@link Role#HOST}, {@link
 * HostedDatabase}); the others start the helper, a process of its own that outlives them.
 *
 * <p><b>Threads.</b> The pool's threads may connect at once: a server is started under a JVM-wide
 * lock as well as the file lock, so one process starts one server however many of its threads find
 * none.
 */
public final class SharedDatabase {

    private static final Logger log = LoggerFactory.getLogger(SharedDatabase.class);

    private static final String LOCKED = "it is locked by another program";

    private static final Duration START_PATIENCE = Duration.ofSeconds(60);

    /** A file lock is held per JVM: the threads of one pool queue here before taking it. */
    private static final Object STARTING = new Object();

    private static final Runnable NOTHING = () -> { };

    private SharedDatabase() {
    }

    /**
     * A new connection (user SA) to the server holding the database at {@code database} (a path
     * without extension), started with the file URL's {@code properties} when none runs.
     *
     * @throws SQLException when no server can be reached or started in time, saying why
     */
    public static Connection open(Path database, String properties, Duration idleShutdown) throws SQLException {
        return open(database, properties, idleShutdown, Role.GUEST, NOTHING);
    }

    /** What a process does when it finds no server: start the helper, or hold the files itself. */
    enum Role {
        /** Starts the helper: a command that may end while others still use the database. */
        GUEST,
        /** Holds the files itself and serves them to the others ({@link HostedDatabase}): a command that sends. */
        HOST
    }

    /**
     * The same for a process of the given role, running {@code afterDiscovery} between reading a
     * running server's file and connecting to it: tests stop the server there to show that it costs nothing.
     */
    static Connection open(Path database, String properties, Duration idleShutdown, Role role, Runnable afterDiscovery)
            throws SQLException {
        Optional<HostedDatabase> here = HostedDatabase.of(database);
        if (here.isPresent()) {
            return here.get().connect();
        }
        Path serverFile = ServerFile.of(database);
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        String lastProblem = "no database server answered within " + START_PATIENCE.toSeconds() + " s";
        while (System.nanoTime() < deadline) {
            Optional<Connection> running = connect(serverFile, afterDiscovery);
            if (running.isPresent()) {
                return running.get();
            }
            try {
                Started started = underStartLock(database, () -> {
                    Optional<Connection> found = connect(serverFile, NOTHING);
                    if (found.isPresent()) {
                        return new Started(found.get(), "");
                    }
                    return role == Role.HOST ? host(database, properties) : start(database, properties, idleShutdown);
                });
                if (started.connection() != null) {
                    return started.connection();
                }
                lastProblem = started.problem();
                if (!lastProblem.equals(LOCKED)) {
                    break; // not a matter of waiting
                }
            } catch (IOException e) {
                throw new SQLTransientConnectionException("cannot start the database server for " + database + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted while starting the database server", e);
            }
        }
        // A process that holds the files itself has no server log: its own log file has the whole error.
        throw new SQLTransientConnectionException("The database " + database + " cannot be opened: " + lastProblem
                + ". If another program holds it, stop that program"
                + (role == Role.GUEST ? "; the server's log is " + log(database) : "") + ".");
    }

    /**
     * The files opened in this process, for tools and tests that read the ledger while no Bulletin
     * process serves it: as a new server would (under the start lock, so that no command starts
     * one meanwhile), after a holder that was killed too.
     */
    public static Connection openInProcess(Path database, String properties) throws SQLException {
        try {
            return underStartLock(database, () -> new Started(ServedDatabase.openFiles(database, properties), ""))
                    .connection();
        } catch (IOException e) {
            throw new SQLTransientConnectionException("cannot open " + database + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while opening " + database, e);
        }
    }

    /** What is done under the start lock. */
    private interface StartWork {
        Started run() throws IOException, InterruptedException, SQLException;
    }

    /**
     * Runs {@code work} under the start lock: the JVM's (the pool's threads) and the file's
     * ({@code DB.server.lock}, the other processes). Whatever opens the files or starts a server
     * does so under it, and so does {@link StaleLock}'s removal of a dead holder's lock.
     */
    private static Started underStartLock(Path database, StartWork work)
            throws IOException, InterruptedException, SQLException {
        synchronized (STARTING) {
            OwnerOnly.folders(database.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(database.resolveSibling(database.getFileName() + ".server.lock"),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
                 FileLock ignored = channel.lock()) {
                return work.run();
            }
        }
    }

    /** Holds the files in this process and serves them ({@link HostedDatabase}): its first connection, or why not. */
    private static Started host(Path database, String properties) throws InterruptedException {
        try {
            return new Started(HostedDatabase.start(database, properties).connect(), "");
        } catch (ServedDatabase.Locked e) {
            return new Started(null, LOCKED);
        } catch (SQLException e) {
            return new Started(null, e.getMessage());
        }
    }

    /** A connection to the running server, for tools and tests that read the ledger beside Bulletin. */
    public static Optional<Connection> connectIfRunning(Path database) {
        return connect(ServerFile.of(database), NOTHING);
    }

    /** A connection to the server the file names, or empty when there is none or it is gone (killed, or stopping). */
    private static Optional<Connection> connect(Path serverFile, Runnable afterDiscovery) {
        Optional<ServerFile> server = ServerFile.read(serverFile);
        if (server.isEmpty()) {
            return Optional.empty();
        }
        afterDiscovery.run();
        try {
            return Optional.of(DriverManager.getConnection(server.get().url(), "SA", server.get().password()));
        } catch (SQLException e) {
            log.debug("The database server on port {} did not take a connection: {}", server.get().port(), e.getMessage());
            return Optional.empty();
        }
    }

    /** A started server's first connection, or what went wrong. */
    private record Started(Connection connection, String problem) {
    }

    /** Starts a server process and connects to it as soon as it answers. */
    private static Started start(Path database, String properties, Duration idleShutdown)
            throws IOException, InterruptedException {
        Path logFile = log(database);
        try {
            // Its owner's only from the start: the redirect below would create it with our umask's modes.
            Files.createFile(logFile, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
        } catch (FileAlreadyExistsException e) {
            // an earlier helper's: appended to
        }
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(database.toAbsolutePath().toString(), properties,
                Long.toString(Math.max(1, idleShutdown.toSeconds()))));
        log.debug("Starting the database server: {}", command);
        ProcessBuilder builder = new ProcessBuilder(ownerOnly(command));
        // It outlives this command: it must not carry the relays' passwords and keys it has no use for.
        builder.environment().keySet().removeIf(SharedDatabase::isSecret);
        // Its own output goes to a log file: inheriting ours would keep a caller's pipe open after we exit.
        Process process = builder
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Path serverFile = ServerFile.of(database);
        while (System.nanoTime() < deadline) {
            Optional<ServerFile> server = ServerFile.read(serverFile);
            if (server.isPresent() && server.get().pid() == process.pid()) { // exec: sh's pid is the server's
                Optional<Connection> connection = connect(serverFile, NOTHING);
                if (connection.isPresent()) {
                    return new Started(connection.get(), "");
                }
            }
            if (!process.isAlive()) {
                return new Started(null, process.exitValue() == DatabaseServer.LOCKED ? LOCKED : lastLine(logFile));
            }
            Thread.sleep(20); // the server's start is a child JVM's start: nothing to wait on but its file
        }
        process.destroy();
        return new Started(null, "the database server did not answer within 30 s");
    }

    /** PASSWORD, SECRET, KEY in a variable's name: a credential (MAILJET_SECRET_KEY, MAILBOX_PASSWORD, …). */
    static boolean isSecret(String variable) {
        String name = variable.toUpperCase(Locale.ROOT);
        return name.contains("PASSWORD") || name.contains("SECRET") || name.contains("KEY");
    }

    /**
     * The server writes the database files: started under umask 077 (through sh, where there is
     * one), they are its owner's only from their first byte, whatever this process's umask.
     */
    private static List<String> ownerOnly(List<String> command) {
        if (!Files.isExecutable(Path.of("/bin/sh"))) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * The same Java and class path as this process: the packaged jar, or the build's classes.
     * Serial GC and a modest heap: the server holds a page cache, not the audience.
     */
    private static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        command.addAll(classArchive(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        String classPath = System.getProperty("java.class.path");
        if (DatabaseServer.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
            // The packaged jar: only its own launcher finds the nested libraries; the argument routes to the server.
            command.addAll(List.of("-jar", classPath, DatabaseServer.ARGUMENT));
        } else {
            command.addAll(List.of("-cp", classPath, DatabaseServer.class.getName()));
        }
        return command;
    }

    /**
     * The class-data archive this JVM maps (bin/bulletin records one for the unpacked jar), for
     * the server too: the same class path, so the same archive serves its classes (about 0.2 s of
     * its start, measured). A JVM that cannot map it starts without it, silently.
     */
    static List<String> classArchive(List<String> ourArguments) {
        return ourArguments.stream().filter(argument -> argument.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .map(archive -> List.of(archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")).orElse(List.of());
    }

    static Path log(Path database) {
        return database.resolveSibling(database.getFileName() + ".server.log");
    }

    private static String lastLine(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList(); // no stack frames
            return lines.isEmpty() ? "the database server stopped at once" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "the database server stopped at once";
        }
    }
}
