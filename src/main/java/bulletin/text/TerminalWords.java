package bulletin.text;

import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * What the terminal says ({@code terminal/words*.properties}): help, errors, summaries, the next
 * command and the log lines it shows, in {@code bulletin.locale}'s language, never the machine's.
 */
public final class TerminalWords {

    static final String BUNDLE = "terminal.words";
    private static final String MARKER_PREFIX = "words:";

    private TerminalWords() {
    }

    public static Words in(Locale locale) {
        return Words.of(BUNDLE, locale);
    }

    /**
     * Marks a log line with its words' key: the terminal writes those words with the line's
     * values, the log file the English pattern of the line itself.
     */
    public static Marker key(String key) {
        return MarkerFactory.getMarker(MARKER_PREFIX + key);
    }

    /** The key a log line's marker names, or null. */
    public static String keyOf(Marker marker) {
        return marker != null && marker.getName().startsWith(MARKER_PREFIX)
                ? marker.getName().substring(MARKER_PREFIX.length()) : null;
    }
}
