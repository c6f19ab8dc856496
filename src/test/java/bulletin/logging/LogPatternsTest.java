package bulletin.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shipped log patterns (logback-spring.xml), applied to the lines a stranger's mail can put
 * in a log: the file never keeps an address (an erasure would have to find it there), and no
 * line, in the file or on the terminal, carries a control character that a terminal obeys.
 */
class LogPatternsTest {

    private static String pattern(String appender) throws Exception {
        try (InputStream in = LogPatternsTest.class.getResourceAsStream("/logback-spring.xml")) {
            NodeList appenders = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("appender");
            for (int i = 0; i < appenders.getLength(); i++) {
                Element element = (Element) appenders.item(i);
                if (element.getAttribute("name").equals(appender)) {
                    return element.getElementsByTagName("pattern").item(0).getTextContent();
                }
            }
        }
        throw new IllegalStateException("no appender " + appender);
    }

    private static String format(String pattern, String message, Throwable thrown) {
        return format(pattern, message, thrown, System.currentTimeMillis());
    }

    /** The pattern as logback-spring.xml gives it, bulletin.time-zone being Pacific/Noumea (its default). */
    private static String format(String pattern, String message, Throwable thrown, long at) {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern.replace("%debugTrace", "").replace("${ZONE}", "Pacific/Noumea"));
        layout.start();
        LoggingEvent event = new LoggingEvent("bulletin.Test", context.getLogger("bulletin.feedback"), Level.WARN, message,
                thrown, null);
        event.setTimeStamp(at);
        return layout.doLayout(event);
    }

    /** Every line is dated in the association's zone, whatever the machine's clock says (UTC on a server). */
    @Test
    void everyLineCarriesTheDateAndTimeInTheAssociationsZone() throws Exception {
        long at = java.time.Instant.parse("2026-11-30T22:31:33Z").toEpochMilli();

        assertThat(format(pattern("CONSOLE"), "budget spent until 21:30", null, at)).startsWith("2026-12-01 09:31:33 WARN");
        assertThat(format(pattern("FILE"), "budget spent", null, at)).startsWith("2026-12-01 09:31:33.000 +11:00 [");
    }

    @Test
    void theLogFileKeepsNoAddressAndNoEscape() throws Exception {
        String line = format(pattern("FILE"), "Mailbox 'mailbox': from Amelie <amelie.martin@example.org>, \"STOP"
                + " \u001b]0;pwned\u0007\"", new IllegalStateException("550 5.1.1 <amelie.martin@example.org>: unknown"));

        assertThat(line).doesNotContain("amelie.martin@").contains("…@example.org").doesNotContain("\u001b")
                .doesNotContain("\u0007").contains("?]0;pwned?").contains("IllegalStateException: 550 5.1.1 <…@example.org>");
    }

    @Test
    void theTerminalsLinesCarryNoEscape() throws Exception {
        String line = format(pattern("CONSOLE"), "from \u001b[2Ksomeone\u202e", null);

        assertThat(line).doesNotContain("\u001b").doesNotContain("\u202e").contains("from ?[2Ksomeone?");
    }
}
