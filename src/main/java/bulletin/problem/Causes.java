package bulletin.problem;

import java.sql.SQLException;

/** Reading a failure's chain of causes for the sentence the operator reads. */
public final class Causes {

    private Causes() {
    }

    /**
     * The first of Bulletin's own exceptions with a message in the chain (its message is written
     * for the operator), or null when the failure came from a library alone.
     */
    public static Throwable firstOurs(Throwable failure) {
        int guard = 0;
        for (Throwable t = failure; t != null && guard++ < 50; t = t.getCause()) {
            if (t.getClass().getPackageName().startsWith("bulletin.") && t.getMessage() != null) {
                return t;
            }
        }
        return null;
    }

    /** Whether the operator caused it: the failure or any of its causes is a {@link UserError}. */
    public static boolean isUserError(Throwable failure) {
        int guard = 0;
        for (Throwable t = failure; t != null && guard++ < 50; t = t.getCause()) {
            if (t instanceof UserError) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database's own error in the chain, or null: the first {@link SQLException} with a
     * message, followed through its next exceptions. The wrappers above it (Spring Batch's "Unable
     * to process chunk", Spring JDBC's "PreparedStatementCallback; SQL [...]") say nothing the
     * operator can act on; a batch's failure names its statement with every value (PostgreSQL's
     * driver: "Batch entry 499 INSERT … VALUES (…, 'member@…', …)"), while the server's own error is
     * the last of its next exceptions. Its first line only is for the operator ({@link #databaseSays}).
     */
    public static SQLException database(Throwable failure) {
        SQLException database = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 50 && database == null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getMessage() != null && !sql.getMessage().isBlank()) {
                database = sql;
            }
        }
        while (database != null && database.getNextException() != null && database.getNextException().getMessage() != null) {
            database = database.getNextException();
        }
        return database;
    }

    /**
     * What the operator reads of the database's own error in the chain ({@link #database}), or
     * null when there is none: its first line only, since a driver's further lines may name a row's
     * values ("Detail: Key (address_key)=(member@…) is duplicated").
     */
    public static String databaseSays(Throwable failure) {
        SQLException database = database(failure);
        return database == null ? null : firstLine(database.getMessage());
    }

    /** The first line of a library's message, at most 500 characters: what a sentence shows of it. */
    public static String firstLine(String message) {
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    /**
     * The first cause of this type in the chain, or null. Jakarta Mail's exceptions give their
     * next exception as their cause, so the walk goes through them too.
     */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 50; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
