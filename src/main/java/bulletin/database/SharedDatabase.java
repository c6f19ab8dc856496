package bulletin.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the database server that holds a Bulletin file database, starting it when none runs.
 * Every Bulletin process goes through it, so that any number of them can work on one database:
 * a {@code status} beside a {@code send}, a one-off send beside {@code schedule}.
 *
 * <p>Two commands that find no server at the same moment start only one: the start is done under
 * an exclusive file lock ({@code DB.server.lock}), and the second one then finds the first's.
 */
public final class SharedDatabase {

    private static final Logger log = LoggerFactory.getLogger(SharedDatabase.class);

    /** The database's name on the server. */
    static final String NAME = "bulletin";

    private static final String LOCKED = "it is locked by another program";

    private static final Duration START_PATIENCE = Duration.ofSeconds(60);

    private SharedDatabase() {
    }

    /** How to reach the database: a JDBC URL on loopback and its password (user SA). */
    public record Route(String url, String password) {
    }

    /**
     * The route to the server holding the database at {@code database} (a path without
     * extension), started with the file URL's {@code properties} when none runs.
     *
     * @throws IllegalStateException when no server can be reached or started in time, saying why
     */
    public static Route connect(Path database, String properties, Duration idleShutdown) {
        Path serverFile = ServerFile.of(database);
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        String lastProblem = "";
        while (System.nanoTime() < deadline) {
            Optional<Route> running = reach(serverFile);
            if (running.isPresent()) {
                return running.get();
            }
            try {
                Files.createDirectories(database.toAbsolutePath().getParent());
                try (FileChannel channel = FileChannel.open(database.resolveSibling(database.getFileName() + ".server.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    running = reach(serverFile);
                    if (running.isPresent()) {
                        return running.get();
                    }
                    lastProblem = start(database, properties, idleShutdown);
                }
                if (!lastProblem.isEmpty() && !lastProblem.equals(LOCKED)) {
                    break; // not a matter of waiting
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the database server for " + database, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the database server", e);
            }
        }
        throw new IllegalStateException("The database " + database + " cannot be opened: " + lastProblem
                + ". If another program holds it, stop that program; the server's log is "
                + log(database) + ".");
    }

    /** A connection to the running server, for tools and tests that read the ledger beside Bulletin. */
    public static Optional<Connection> connectIfRunning(Path database) throws SQLException {
        Optional<ServerFile> server = ServerFile.read(ServerFile.of(database));
        if (server.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DriverManager.getConnection(server.get().url(NAME), "SA", server.get().password()));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static Optional<Route> reach(Path serverFile) {
        Optional<ServerFile> server = ServerFile.read(serverFile);
        if (server.isEmpty()) {
            return Optional.empty();
        }
        String url = server.get().url(NAME);
        try (Connection ignored = DriverManager.getConnection(url, "SA", server.get().password())) {
            return Optional.of(new Route(url, server.get().password()));
        } catch (SQLException e) {
            return Optional.empty(); // gone (killed, or stopping): a new one is started
        }
    }

    /** Starts a server process and waits until it answers; returns what went wrong when it did not. */
    private static String start(Path database, String properties, Duration idleShutdown)
            throws IOException, InterruptedException {
        Path logFile = log(database);
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(database.toAbsolutePath().toString(), properties,
                Long.toString(Math.max(1, idleShutdown.toSeconds()))));
        log.debug("Starting the database server: {}", command);
        // Its own output goes to a log file: inheriting ours would keep a caller's pipe open after we exit.
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ServerFile> server = ServerFile.read(ServerFile.of(database));
            if (server.isPresent() && server.get().pid() == process.pid() && reach(ServerFile.of(database)).isPresent()) {
                return "";
            }
            if (!process.isAlive()) {
                return process.exitValue() == DatabaseServer.LOCKED ? LOCKED : lastLine(logFile);
            }
            Thread.sleep(20);
        }
        process.destroy();
        return "the database server did not answer within 30 s";
    }

    /**
     * The same Java and class path as this process: the packaged jar, or the build's classes.
     * Serial GC and a modest heap: the server holds a page cache, not the audience.
     */
    private static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        String classPath = System.getProperty("java.class.path");
        if (DatabaseServer.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
            // The packaged jar: only its own launcher finds the nested libraries; the argument routes to the server.
            command.addAll(List.of("-jar", classPath, DatabaseServer.ARGUMENT));
        } else {
            command.addAll(List.of("-cp", classPath, DatabaseServer.class.getName()));
        }
        return command;
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
