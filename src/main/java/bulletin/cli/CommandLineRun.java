package bulletin.cli;

import bulletin.home.Locality;
import bulletin.problem.UserError;
import bulletin.stop.OperatorStop;
import bulletin.text.Words;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import picocli.CommandLine;

/**
 * Runs the command line once the application has started, and hands its exit status to Boot.
 * Errors a user can cause are printed as one sentence; the stack trace goes to the log file, and to
 * the terminal only with --debug (see logback-spring.xml).
 * Switched off by {@code bulletin.cli.enabled=false} (tests drive the job directly).
 */
@Component
@ConditionalOnProperty(name = "bulletin.cli.enabled", havingValue = "true", matchIfMissing = true)
class CommandLineRun implements CommandLineRunner, ExitCodeGenerator {

    /** The help's words: terminal/help.properties, and terminal/help_fr.properties in French. */
    static final String HELP = "terminal.help";

    /** Outside the "bulletin." loggers, so that the terminal does not hear it but with --debug. */
    private static final Logger TRACES = LoggerFactory.getLogger("traces.bulletin.cli");

    private final ApplicationContext context;
    private int exitCode;

    CommandLineRun(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void run(String... args) {
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug") && !a.startsWith("--spring.")
                && !a.startsWith("--bulletin.")).toArray(String[]::new);
        StopSignals.install(context.getBean(OperatorStop.class), System.err, context.getBean(Locality.class).words());
        try {
            exitCode = newCommandLine(context).execute(rest);
        } finally {
            context.getBean(DataAtRest.class).tighten();
        }
    }

    static CommandLine newCommandLine(ApplicationContext context) {
        CommandLine commandLine = new CommandLine(context.getBean(BulletinCommand.class), new SpringFactory(context));
        Locale locale = context.getBean(Locality.class).locale();
        // Help and sentences in the association's language, never the machine's (terminal/*.properties).
        commandLine.setResourceBundle(ResourceBundle.getBundle(HELP, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        Words words = context.getBean(Locality.class).words();
        // A terminal says its charset; cron, systemd and a pipe get UTF-8, as the log lines on the same stream do
        // (an empty environment's default, ASCII, would turn the French summary's "terminée" into "termin?e").
        Charset charset = System.console() != null ? System.console().charset()
                : StandardCharsets.UTF_8;
        commandLine.setOut(terminal(new OutputStreamWriter(System.out, charset)));
        commandLine.setErr(terminal(new OutputStreamWriter(System.err, charset)));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("bulletin: " + Said.failure(e, words));
            cmd.getErr().flush();
            // The whole trace goes to the log file (and, with --debug, to the terminal).
            TRACES.error("{} failed: {}", cmd.getCommandName(), sentence(e), e);
            return isUserError(e) ? ExitCodes.BAD_INPUT : ExitCodes.RUN_FAILED;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("bulletin: " + UsageErrors.say(e, words));
            e.getCommandLine().getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setExitCodeExceptionMapper(e -> isUserError(e) ? ExitCodes.BAD_INPUT : ExitCodes.RUN_FAILED);
        return commandLine;
    }

    /** A writer for what a command prints: escape sequences from outside shown, not obeyed. */
    static PrintWriter terminal(Writer out) {
        return new PrintWriter(new TerminalSafeWriter(out), true);
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof UserError || e instanceof CommandLine.ParameterException;
    }

    private static String sentence(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Subcommands are Spring beans; anything else picocli creates itself. */
    private record SpringFactory(ApplicationContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (!type.getName().startsWith("bulletin.")) {
                return CommandLine.defaultFactory().create(type); // an option's Map or List, not a Spring bean
            }
            return context.getBeanProvider(type).getIfAvailable(() -> {
                try {
                    return CommandLine.defaultFactory().create(type);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
