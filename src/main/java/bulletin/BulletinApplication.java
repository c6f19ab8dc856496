package bulletin;

import bulletin.cli.HomeInstaller;
import bulletin.cli.StartupFailure;
import bulletin.database.DatabaseServer;
import bulletin.database.DatabaseSettings;
import bulletin.database.EarlyDatabaseStart;
import bulletin.logging.Debugging;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Boot entry point only: the command line (package {@code cli}) decides what runs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BulletinApplication {

    /** The commands that send (they hold the file database themselves when nobody does). */
    private static final Set<String> SENDING = Set.of("send", "restart", "schedule");

    public static void main(String[] args) throws Exception {
        // Without a terminal (cron, systemd, a pipe) what Bulletin prints is UTF-8, as its log lines are: the
        // JVM's default in an empty environment is ASCII, which would print French words with '?' for their accents.
        if (System.console() == null) {
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        }
        // The database server that Bulletin starts for itself runs from the same jar, without Spring.
        if (args.length > 0 && args[0].equals("--database-server")) {
            DatabaseServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // A new home is installed before any database exists: without Spring.
        if (args.length > 0 && args[0].equals("init")) {
            System.exit(HomeInstaller.install(Arrays.asList(args).subList(1, args.length), System.out, System.err));
            return;
        }
        if (Arrays.asList(args).contains("--debug")) {
            Debugging.enable(); // before the first log line: the terminal then shows traces
        }
        ConfigurableApplicationContext context;
        try {
            SpringApplication application = new SpringApplication(BulletinApplication.class);
            if (sends(args)) {
                // Finding no database server, it holds the files itself and serves the others (database.HostedDatabase).
                application.setDefaultProperties(Map.of(DatabaseSettings.HOST, "true"));
            }
            application.addListeners(new EarlyDatabaseStart()); // the database opens beside Spring's context
            context = application.run(args);
        } catch (RuntimeException e) {
            // Boot has logged the whole failure to the log file; the operator reads one sentence.
            System.err.println(StartupFailure.sentence(e, args));
            System.exit(StartupFailure.EXIT_CODE);
            return;
        }
        System.exit(SpringApplication.exit(context));
    }

    /** Whether the command, the first argument that is not an option, is one that sends. */
    static boolean sends(String[] args) {
        return Arrays.stream(args).filter(argument -> !argument.startsWith("-")).findFirst().filter(SENDING::contains)
                .isPresent();
    }
}
