package bulletin.relay;

import bulletin.text.TerminalWords;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.LoggerFactory;

/**
 * The one seam into Angus's private state, by reflection: {@link SMTPTransport} keeps its buffered
 * streams to and from the server and its last reply private, and offers no hook for what
 * {@link TrackedSmtpTransport} does with them (a message's commands in one write; replies read with
 * bounds, then reported as Angus's own). Each field is looked up once; one an Angus upgrade
 * renamed is {@linkplain #missing() named}, and the transport then does what Angus does alone
 * (commands one flush each, replies read without bounds) and says so once in the log.
 * {@code AngusInternalsTest} fails on such an upgrade, so that it is never shipped silently.
 */
final class AngusInternals {

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        for (String name : List.of("serverOutput", "serverInput", "lastServerResponse", "lastReturnCode")) {
            FIELDS.put(name, field(name));
        }
        if (!missing().isEmpty()) {
            LoggerFactory.getLogger(AngusInternals.class).warn(TerminalWords.key("log.angus-fields-missing"),
                    "This Angus Mail lacks the fields {} of its SMTP transport: replies are read without Bulletin's bounds"
                            + " and commands go one flush each", missing());
        }
    }

    private AngusInternals() {
    }

    /** The fields this Angus lacks (empty when every one was found). */
    static List<String> missing() {
        return FIELDS.entrySet().stream().filter(entry -> entry.getValue() == null).map(Map.Entry::getKey).toList();
    }

    /** The transport's buffered stream to the server, or null without it. */
    static OutputStream serverOutput(SMTPTransport transport) {
        return (OutputStream) get("serverOutput", transport);
    }

    /**
     * The transport's stream from the server, or null when this Angus would not let the reply read
     * from it be reported as its own ({@link #remember}).
     */
    static InputStream serverInput(SMTPTransport transport) {
        if (FIELDS.get("lastServerResponse") == null || FIELDS.get("lastReturnCode") == null) {
            return null;
        }
        return (InputStream) get("serverInput", transport);
    }

    /** Reports a reply read outside Angus as its last one (what its exceptions and getLastServerResponse say). */
    static void remember(SMTPTransport transport, String response, int code) {
        try {
            FIELDS.get("lastServerResponse").set(transport, response);
            FIELDS.get("lastReturnCode").setInt(transport, code);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // checked by serverInput before any reply is read here
        }
    }

    private static Object get(String name, SMTPTransport transport) {
        Field field = FIELDS.get(name);
        try {
            return field == null ? null : field.get(transport);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field field(String name) {
        try {
            Field field = SMTPTransport.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
