package bulletin.problem;

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
