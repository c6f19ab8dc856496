package bulletin.logging;

import bulletin.text.TerminalWords;
import bulletin.text.Words;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Locale;
import org.slf4j.Marker;

/**
 * {@code %say{LOCALE}}: a log line as the terminal writes it. A line marked with its words' key
 * ({@link TerminalWords#key}) is written in the locale's words, with the line's values in
 * {0}, {1}…; any other line as logged. The log file keeps the English line.
 */
public class TerminalLine extends ClassicConverter {

    private Words words;

    @Override
    public void start() {
        String tag = getFirstOption();
        words = TerminalWords.in(tag == null || tag.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(tag));
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        if (event.getMarkerList() != null) {
            for (Marker marker : event.getMarkerList()) {
                String key = TerminalWords.keyOf(marker);
                if (key != null && words.get(key, null) != null) {
                    // A value that is a sentence itself is said in the same words (Words.format).
                    return words.format(key, event.getArgumentArray() == null ? new Object[0] : event.getArgumentArray());
                }
            }
        }
        return event.getFormattedMessage();
    }
}
