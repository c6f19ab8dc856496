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
        layout.getInstanceConverterMap().put("say", TerminalLine::new);
        layout.setPattern(pattern.replace("%debugTrace", "").replace("${ZONE}", "Pacific/Noumea")
                .replace("${LOCALE}", "fr-FR"));
        layout.start();
        LoggingEvent event = new LoggingEvent("bulletin.Test", context.getLogger("bulletin.feedback"), Level.WARN, message,
                thrown, null);
        event.setTimeStamp(at);
        return layout.doLayout(event);
    }

    /** The monthly file names its zone once, at its top, however many processes append to it. */
    @Test
    void theLogFileNamesItsZoneOnceAtItsTop(@org.junit.jupiter.api.io.TempDir java.nio.file.Path logs) throws Exception {
        for (int process = 0; process < 2; process++) {
            // As logback-spring.xml sets it up in each Bulletin process: prudent, one file a month.
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
            ZoneNamedFileAppender appender = new ZoneNamedFileAppender();
            appender.setContext(context);
            appender.setZone("Pacific/Noumea");
            appender.setPrudent(true);
            ch.qos.logback.core.rolling.TimeBasedRollingPolicy<ch.qos.logback.classic.spi.ILoggingEvent> monthly =
                    new ch.qos.logback.core.rolling.TimeBasedRollingPolicy<>();
            monthly.setContext(context);
            monthly.setFileNamePattern(logs + "/bulletin-%d{yyyy-MM}.log");
            monthly.setParent(appender);
            monthly.start();
            appender.setRollingPolicy(monthly);
            ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%msg%n");
            encoder.start();
            appender.setEncoder(encoder);
            appender.start();
            appender.doAppend(new LoggingEvent("bulletin.Test", context.getLogger("bulletin"), Level.INFO,
                    "line " + process, null, null));
            appender.stop();
        }

        java.nio.file.Path file;
        try (var files = java.nio.file.Files.list(logs)) {
            file = files.filter(f -> f.getFileName().toString().startsWith("bulletin-")).findFirst().orElseThrow();
        }
        assertThat(java.nio.file.Files.readAllLines(file)).containsExactly(
                "# Bulletin's log: every time below is in Pacific/Noumea (bulletin.time-zone), its offset from UTC beside it",
                "line 0", "line 1");
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
    void aMarkedLineIsWrittenInTheTerminalsWordsAndTheFileKeepsItsEnglish() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("bulletin.Test", context.getLogger("bulletin.send"), Level.INFO,
                "Run {}: report written to {}", null, new Object[] {7, "data/reports/x.html"});
        event.addMarker(bulletin.text.TerminalWords.key("log.report-written"));
        event.setTimeStamp(1_764_541_893_000L);

        assertThat(layout(pattern("CONSOLE"), context).doLayout(event))
                .contains("INFO  Envoi 7 : rapport écrit dans data/reports/x.html");
        assertThat(layout(pattern("FILE"), context).doLayout(event)).contains("Run 7: report written to data/reports/x.html");
    }

    private static PatternLayout layout(String pattern, LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("say", TerminalLine::new);
        layout.setPattern(pattern.replace("%debugTrace", "").replace("${ZONE}", "Pacific/Noumea").replace("${LOCALE}", "fr-FR"));
        layout.start();
        return layout;
    }

    @Test
    void theTerminalsLinesCarryNoEscape() throws Exception {
        String line = format(pattern("CONSOLE"), "from \u001b[2Ksomeone\u202e", null);

        assertThat(line).doesNotContain("\u001b").doesNotContain("\u202e").contains("from ?[2Ksomeone?");
    }
}
