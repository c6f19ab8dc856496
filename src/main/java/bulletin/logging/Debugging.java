package bulletin.logging;

/**
 * Whether the operator asked for {@code --debug}: set by the entry point before anything logs,
 * read by the console's filter and trace converter.
 */
public final class Debugging {

    static final String PROPERTY = "bulletin.debug";

    private Debugging() {
    }

    public static void enable() {
        System.setProperty(PROPERTY, "true");
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }
}
