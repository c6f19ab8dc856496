package bulletin.cli;

import java.sql.SQLException;

/**
 * What the operator reads when Bulletin cannot even start — a database it cannot open, a
 * {@code spring.datasource.url} whose driver is not packaged, a setting that does not bind:
 * one sentence naming the cause, where the details are, and what to do. Nothing was sent.
 */
public final class StartupFailure {

    /** A configuration problem: nothing was sent (README, "Exit codes"). */
    public static final int EXIT_CODE = ExitCodes.BAD_INPUT;

    private StartupFailure() {
    }

    public static String sentence(Throwable failure) {
        return "bulletin: cannot start: " + cause(failure) + ". Nothing was sent. The details are in data/logs/;"
                + " fix the setting and run the same command again (--debug shows the whole trace here).";
    }

    /** Ours when there is one (written for the operator), else a database's, else the deepest message. */
    private static String cause(Throwable failure) {
        Throwable deepest = failure;
        Throwable database = null;
        int guard = 0;
        for (Throwable t = failure; t != null && guard++ < 50; t = t.getCause()) {
            if (t.getClass().getPackageName().startsWith("bulletin.") && t.getMessage() != null) {
                return oneLine(t.getMessage());
            }
            if (database == null && t instanceof SQLException && t.getMessage() != null) {
                database = t;
            }
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        Throwable chosen = database != null ? database : deepest;
        if (chosen instanceof ClassNotFoundException) {
            return "the class " + chosen.getMessage() + " is not in Bulletin (a database driver that is not packaged?)";
        }
        return oneLine(chosen.getMessage() == null ? chosen.getClass().getSimpleName() : chosen.getMessage());
    }

    private static String oneLine(String text) {
        return text.strip().replace("\r", "\\r").replace("\n", " ");
    }
}
