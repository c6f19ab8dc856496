package bulletin.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for the tests, from Debian's binaries: {@code initdb} into a folder
 * under target/, {@code pg_ctl} on a free loopback port, stopped when the JVM ends. initdb refuses
 * to run as root, and CI runs as root: then the server runs as the {@code postgres} user. One
 * server per JVM; each test class gets a database of its own.
 */
public final class PostgresServer {

    public static final String USER = "bulletin";
    public static final String PASSWORD = "pg-test-0123456789";

    private static PostgresServer running;

    private final Path data;
    private final int port;
    private final Path bin;
    private final boolean asPostgres;

    private PostgresServer(Path data, int port, Path bin, boolean asPostgres) {
        this.data = data;
        this.port = port;
        this.bin = bin;
        this.asPostgres = asPostgres;
    }

    /** The JVM's server, started on first use. */
    public static synchronized PostgresServer get() {
        if (running == null) {
            try {
                running = start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the tests' PostgreSQL server: " + e.getMessage()
                        + " (bin/test-suite installs Debian's postgresql package)", e);
            }
            PostgresServer server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
        }
        return running;
    }

    /** A new, empty database on the server, named after {@code name}; its JDBC URL. */
    public String createDatabase(String name) {
        String database = (name.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + UUID.randomUUID().toString()
                .substring(0, 8));
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        return url(database);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        // Under the system's temporary folder: the postgres user can reach it, wherever the build runs.
        Path folder = Files.createTempDirectory("bulletin-postgres-");
        Path data = folder.resolve("data");
        Path password = folder.resolve("password");
        Files.writeString(password, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (root) {
            UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(folder, postgres);
            Files.setOwner(password, postgres);
        }
        PostgresServer server = new PostgresServer(data, SmtpServer.freePort(), bin, root);
        server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + password,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"));
        server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", folder.resolve("server.log").toString(),
                "-o", "-p " + server.port + " -c listen_addresses=127.0.0.1 -k " + folder, "-w", "-t", "120",
                "start"));
        return server;
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            try (Stream<Path> all = Files.walk(data.getParent())) {
                all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (Exception e) {
            // the JVM is ending: nothing more to do
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Debian's server binaries, the newest version installed. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("no PostgreSQL server under /usr/lib/postgresql");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IOException("no initdb under /usr/lib/postgresql"));
        }
    }
}
