package bulletin.cli;

import bulletin.problem.Causes;
import bulletin.text.TerminalWords;
import bulletin.text.Words;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * What the operator reads when Bulletin cannot even start — a database it cannot open, a
 * {@code spring.datasource.url} whose driver is not packaged, a setting that does not bind:
 * one sentence naming the cause, where the details are, and what to do. Nothing was sent.
 */
public final class StartupFailure {

    /** A configuration problem: nothing was sent (docs/operator.md, "Exit codes"; the help lists them too). */
    public static final int EXIT_CODE = ExitCodes.BAD_INPUT;

    private StartupFailure() {
    }

    /**
     * @param args the command line: its {@code --bulletin.locale=} (or {@code BULLETIN_LOCALE}) chooses the
     *             language, Spring's settings being out of reach when Bulletin could not start
     */
    public static String sentence(Throwable failure, String... args) {
        Words words = TerminalWords.in(EarlyLocale.of(List.of(args)));
        return "bulletin: " + words.format("startup.failed", cause(failure, words));
    }

    /** Ours when there is one (written for the operator), else the database's first line, else the deepest message. */
    private static String cause(Throwable failure, Words words) {
        if (Causes.firstOurs(failure) != null) {
            return oneLine(Said.failure(failure, words));
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException invalid) {
                return settings(invalid.getValidationErrors());
            }
        }
        String database = Causes.databaseSays(failure);
        if (database != null) {
            return database;
        }
        Throwable deepest = failure;
        int guard = 0;
        for (Throwable t = failure; t != null && guard++ < 50; t = t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        if (deepest instanceof ClassNotFoundException) {
            return "the class " + deepest.getMessage() + " is not in Bulletin (a database driver that is not packaged?)";
        }
        return oneLine(deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage());
    }

    /** "bulletin.relays.local.port is 70000: must be less than or equal to 65535", for each setting refused. */
    private static String settings(ValidationErrors errors) {
        StringJoiner sentence = new StringJoiner("; ");
        for (ObjectError error : errors) {
            if (error instanceof FieldError field) {
                // relays[local].port → relays.local.port, maxFailureRate → max-failure-rate: as the operator writes it
                String path = field.getField().replaceAll("\\[([^]]*)]", ".$1").replaceAll("([a-z0-9])([A-Z])", "$1-$2");
                String property = errors.getName() + "." + path.toLowerCase(Locale.ROOT);
                sentence.add(property + " is " + field.getRejectedValue() + ": " + field.getDefaultMessage());
            } else {
                sentence.add(errors.getName() + ": " + error.getDefaultMessage());
            }
        }
        return oneLine(sentence.toString());
    }

    private static String oneLine(String text) {
        return text.strip().replace("\r", "\\r").replace("\n", " ");
    }
}
