package bulletin.relay;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, noting whether the end of DATA was reached, and pipelining (RFC 2920)
 * when the relay advertises it.
 *
 * <p>End of DATA: a connection that breaks before that point has delivered nothing for sure;
 * after it, the relay may have taken the message and its recipients are in doubt.
 *
 * <p>Pipelining: when Angus sends {@code MAIL FROM}, every {@code RCPT TO} and {@code DATA}
 * follow it on the wire at once; Angus then goes through its usual steps, whose commands are
 * already written, and reads each reply in order. Its handling of each answer (per-address
 * outcomes, {@code sendpartial}, the end of data) is thus exactly the one-by-one handling. When
 * Angus gives up on the transaction early (MAIL FROM or every RCPT refused, then RSET), the
 * replies still owed are read first; a relay that accepted DATA all the same (it should not, with
 * no recipient) gets its connection closed, so that no empty message leaves.
 */
class TrackedSmtpTransport extends SMTPTransport {

    private volatile boolean dataEnding;
    private final boolean pipeliningAllowed;
    /** The addresses of the message being sent, for the RCPT commands written ahead. */
    private Address[] envelope;
    /** Commands written ahead of Angus, in order: Angus's own sending of each is skipped. */
    private final Deque<String> writtenAhead = new ArrayDeque<>();

    TrackedSmtpTransport(Session session, URLName urlname, boolean pipelining) {
        super(session, urlname);
        this.pipeliningAllowed = pipelining;
    }

    protected TrackedSmtpTransport(Session session, URLName urlname, String name, boolean isSSL, boolean pipelining) {
        super(session, urlname, name, isSSL);
        this.pipeliningAllowed = pipelining;
    }

    /** True once the end-of-data mark of the last message was about to be sent. */
    boolean dataEnding() {
        return dataEnding;
    }

    /** Whether the commands of a message go out together on this connection. */
    boolean pipelines() {
        return pipeliningAllowed && supportsExtension("PIPELINING");
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dataEnding = false;
        envelope = addresses;
        writtenAhead.clear();
        try {
            super.sendMessage(message, addresses);
        } finally {
            envelope = null;
            writtenAhead.clear();
        }
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        if (!writtenAhead.isEmpty()) {
            if (command.equals(writtenAhead.peek())) {
                writtenAhead.poll(); // on the wire already: Angus reads its reply next
                return;
            }
            readRepliesOwed();
        }
        if (envelope == null || !command.startsWith("MAIL FROM:") || !pipelines()) {
            super.sendCommand(command);
            return;
        }
        List<String> batch = new ArrayList<>();
        batch.add(command);
        for (Address address : envelope) {
            // As Angus writes it (SMTPTransport.rcptTo; Bulletin sets no DSN notify).
            batch.add("RCPT TO:" + angleBracketed(((InternetAddress) address).getAddress()));
        }
        batch.add("DATA");
        write(batch);
        writtenAhead.addAll(batch.subList(1, batch.size()));
    }

    /**
     * The commands in one write. Written one flush each, they reach the server in as many
     * packets, which it answers in as many writes; a server that leaves Nagle's algorithm on
     * then holds each answer until the client acknowledges the one before, which the client
     * delays (up to 40 ms on Linux) because it has nothing to send: 40 ms per message against
     * Postfix's smtp-sink. Angus keeps its buffered stream to the server private, so it is read
     * by reflection; without it the commands go one flush each, slower but the same.
     */
    private void write(List<String> commands) throws MessagingException {
        OutputStream out = serverOutput();
        if (out == null) {
            for (String command : commands) {
                super.sendCommand(command);
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        for (String command : commands) {
            if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a command contains a line break: " + command);
            }
            text.append(command).append("\r\n");
        }
        try {
            out.write(text.toString().getBytes(utf8() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
    }

    /** Whether Angus writes commands in UTF-8 (as its toBytes does with mail.mime.allowutf8). */
    private boolean utf8() {
        return Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
    }

    private static final Field SERVER_OUTPUT = serverOutputField();

    private static Field serverOutputField() {
        try {
            Field field = SMTPTransport.class.getDeclaredField("serverOutput");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private OutputStream serverOutput() {
        try {
            return SERVER_OUTPUT == null ? null : (OutputStream) SERVER_OUTPUT.get(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Angus left the transaction before reaching commands written ahead: their replies come first.
     * A DATA accepted there would take the next command as the message: the connection is dropped.
     */
    private void readRepliesOwed() throws MessagingException {
        while (!writtenAhead.isEmpty()) {
            String command = writtenAhead.poll();
            int reply = readServerResponse();
            if (command.equals("DATA") && reply == 354) {
                writtenAhead.clear();
                throw new MessagingException("the relay accepted DATA for a transaction with no recipient left;"
                        + " the connection is closed so that nothing is sent",
                        new IOException("DATA accepted after the transaction failed"));
            }
        }
    }

    private static String angleBracketed(String address) {
        return !address.startsWith("<") && !address.endsWith(">") ? "<" + address + ">" : address;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        dataEnding = true;
        super.finishData();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        dataEnding = true;
        super.finishBdat();
    }

    /** The same over implicit TLS. */
    static class Implicit extends TrackedSmtpTransport {
        Implicit(Session session, URLName urlname, boolean pipelining) {
            super(session, urlname, "smtps", true, pipelining);
        }
    }
}
