package bulletin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.database.DatabaseUrls;
import bulletin.database.SharedDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/bulletin.jar}) as a child JVM working in a test home, as an
 * operator or cron runs it. Children share the home's database through Bulletin's own loopback
 * server, told to stop one second after the last of them.
 */
public final class BulletinProcess {

    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private BulletinProcess() {
    }

    /** What a finished command said. */
    public record Run(int exitCode, String output) {
    }

    /** Starts {@code bulletin ARGS} in the home, its output appended to {@code log}. */
    public static Process start(TestHome home, Path log, List<String> args) throws IOException {
        return start(home, log, List.of(), args);
    }

    /** The same with options for the JVM ({@code -Xmx256m}). */
    public static Process start(TestHome home, Path log, List<String> jvmOptions, List<String> args) throws IOException {
        return new ProcessBuilder(command(jvmOptions, args)).directory(home.root().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Runs {@code bulletin ARGS} in the home to its end. */
    public static Run run(TestHome home, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(List.of(), List.of(args))).directory(home.root().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }

    /**
     * Runs {@code bulletin ARGS} to its end as an operator's shell would: under this umask, with
     * these variables added to the environment.
     */
    public static Run runAs(TestHome home, String umask, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Process process = startAs(home, umask, environment, List.of(args), null);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The same, left running; its output goes to {@code log} (or to the returned process's stream when null). */
    public static Process startAs(TestHome home, String umask, Map<String, String> environment, List<String> args,
                                  Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
        command.addAll(command(List.of(), args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (log != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        return builder.start();
    }

    /** The command line that runs the packaged jar with these JVM options and arguments. */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (jvmOptions.isEmpty()) {
            // Short commands: the quick JIT and the small collector halve a 2-core machine's start-up;
            // a test that measures a large run gives its own options.
            command.addAll(QUICK_START);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Path.of(System.getProperty("bulletin.jar", "target/bulletin.jar")).toAbsolutePath().toString()));
        command.addAll(args);
        command.add("--bulletin.database.idle-shutdown=1s");
        if (args.stream().noneMatch(arg -> arg.startsWith("--bulletin.locale="))) {
            // The processes' own sentences are asserted in English; FrenchTerminalTest and JarSendIT hear the French.
            command.add("--bulletin.locale=en");
        }
        return command;
    }

    /**
     * The home's database for the test's own queries: through the server while one runs, else the
     * files directly (closed again when the connection closes), as the next command would open them.
     */
    public static Connection database(TestHome home) throws SQLException {
        var served = SharedDatabase.connectIfRunning(home.path("data/db/bulletin"));
        if (served.isPresent()) {
            return served.get();
        }
        // After a command that held the files was killed: its lock and its password are left.
        String url = home.databaseUrl();
        return SharedDatabase.openInProcess(DatabaseUrls.hsqldbFile(url).orElseThrow(),
                DatabaseUrls.hsqldbProperties(url) + ";shutdown=true");
    }

    /**
     * Waits until the home's database server has stopped: unpublished, and a helper (if one was
     * started) said so last in its log. A sending command that held the files itself has let them
     * go when it exits: its caller waits for the process.
     */
    public static void awaitServerStopped(TestHome home) {
        Path log = home.path("data/db/bulletin.server.log");
        await().atMost(Duration.ofMinutes(2)).until(() -> !Files.exists(home.path("data/db/bulletin.server"))
                && (!Files.exists(log) || Files.readString(log, StandardCharsets.UTF_8).strip().endsWith("stopping")));
    }
}
