package bulletin.relay;

import bulletin.text.Sentence;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 *
 * <p><b>Threads.</b> Angus's own locking (synchronized sends) holds; whether the end of data was
 * reached is a volatile flag that a forced quit reads from the signal handler's thread.
 */
class TrackedSmtpTransport extends SMTPTransport {

    private volatile boolean dataEnding;
    private final boolean pipeliningAllowed;
    /** The addresses of the message being sent, for the RCPT commands written ahead. */
    private Address[] envelope;
    /** Commands written ahead of Angus, in order: Angus's own sending of each is skipped. */
    private final Deque<String> writtenAhead = new ArrayDeque<>();
    /** The command whose reply is read next (Angus sends or skips each one before reading its reply). */
    private String current;
    /** The RCPT addresses of this transaction the relay accepted (250 or 251). */
    private final List<String> accepted = new ArrayList<>();
    /** Told the accepted addresses once every RCPT is answered, before the body is written. */
    private Consumer<List<String>> beforeBody;

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
        sendMessage(message, addresses, accepted -> { });
    }

    /**
     * Sends as Angus does; {@code beforeBody} is told which addresses the relay accepted once every
     * RCPT is answered and before the body leaves (so that what a crash puts in doubt can be
     * narrowed to them). If it throws, the body never leaves.
     */
    synchronized void sendMessage(Message message, Address[] addresses, Consumer<List<String>> beforeBody)
            throws MessagingException {
        dataEnding = false;
        envelope = addresses;
        writtenAhead.clear();
        accepted.clear();
        this.beforeBody = beforeBody;
        try {
            super.sendMessage(message, addresses);
        } finally {
            envelope = null;
            writtenAhead.clear();
            this.beforeBody = null;
        }
    }

    /** Every RCPT is answered when Angus asks for the data stream: {@code beforeBody} hears the accepted ones first. */
    @Override
    protected synchronized OutputStream data() throws MessagingException {
        if (beforeBody != null) {
            try {
                beforeBody.accept(List.copyOf(accepted));
            } catch (RuntimeException e) {
                close(); // DATA may be on the wire already (pipelined): only a closed connection keeps a body from following
                throw new MessagingException("the message was not sent: " + e.getMessage(), e);
            }
        }
        return super.data();
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        current = command;
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
     * Postfix's smtp-sink. Angus keeps its buffered stream to the server private: it is read
     * through {@link AngusInternals}; without it the commands go one flush each, slower but the same.
     */
    private void write(List<String> commands) throws MessagingException {
        OutputStream out = AngusInternals.serverOutput(this);
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
                        new RelayProtocolError(Sentence.of("relay.why.data-without-recipient")));
            }
        }
    }

    /** The longest reply line read (RFC 5321 says 512; Postfix reads up to 2048). */
    static final int MAX_REPLY_LINE = 2048;
    /** The most lines of one reply (an EHLO answer has a dozen). */
    static final int MAX_REPLY_LINES = 100;

    /**
     * A reply read with bounds Angus does not set: the whole reply within the read timeout (not
     * each byte: a reply trickled a byte at a time would hang the send for ever), each line at most
     * {@value #MAX_REPLY_LINE} characters and {@value #MAX_REPLY_LINES} lines (an endless line
     * would take the heap), and a multi-line reply's outcome is its last line's code (RFC 5321
     * 4.2.1), so that {@code 250-ok} then {@code 550 5.1.1} is a refusal. A relay that answers
     * before the message was written (a {@code 354} with more behind it) is a protocol error: the
     * transaction stops before the body, nothing was delivered. Without Angus's fields (another
     * version), Angus reads as it does.
     */
    @Override
    protected int readServerResponse() throws MessagingException {
        int code = readReply();
        String command = current;
        if (command != null && command.startsWith("RCPT TO:") && (code == 250 || code == 251)) {
            int open = command.indexOf('<');
            int close = command.lastIndexOf('>');
            if (open >= 0 && close > open) {
                accepted.add(command.substring(open + 1, close));
            }
        }
        return code;
    }

    private int readReply() throws MessagingException {
        InputStream in = AngusInternals.serverInput(this);
        if (in == null) {
            return super.readServerResponse();
        }
        long timeout = timeoutMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        StringBuilder reply = new StringBuilder();
        String line;
        int lines = 0;
        try {
            do {
                line = readLine(in, deadline, timeout);
                if (line == null) {
                    remember(reply.length() == 0 ? "[EOF]" : reply.toString(), -1);
                    return -1;
                }
                reply.append(line).append('\n');
                if (++lines > MAX_REPLY_LINES) {
                    throw new RelayProtocolError(Sentence.of("relay.why.too-many-lines", MAX_REPLY_LINES));
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            int code = code(line);
            if (code == 354 && in.available() > 0) {
                remember(reply.toString(), code);
                throw new RelayProtocolError(Sentence.of("relay.why.answered-early"));
            }
            remember(reply.toString(), code);
            if (code == -1) {
                close();
            }
            return code;
        } catch (IOException e) {
            remember("", 0);
            // Its words, not Angus's "Exception reading response": they become the operator's sentence and the audit's.
            throw new MessagingException(e.getMessage() == null ? "Exception reading response" : e.getMessage(), e);
        }
    }

    /** One reply line, without its CRLF; null at the end of the stream. */
    private String readLine(InputStream in, long deadline, long timeout) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("the relay's reply did not arrive whole within "
                        + timeout / 1000 + " s");
            }
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(charset());
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, charset());
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new RelayProtocolError(Sentence.of("relay.why.line-too-long", MAX_REPLY_LINE));
            }
            line.write(b);
        }
    }

    private static int code(String line) {
        if (line.length() < 3) {
            return -1;
        }
        try {
            return Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Charset charset() {
        return utf8() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    /** The session's read timeout for this protocol (mail.smtp.timeout, mail.smtps.timeout); 5 min without one. */
    private long timeoutMillis() {
        String value = session.getProperty("mail." + url.getProtocol() + ".timeout");
        try {
            long millis = value == null ? 0 : Long.parseLong(value.strip());
            return millis > 0 ? millis : 300_000;
        } catch (NumberFormatException e) {
            return 300_000;
        }
    }

    private void remember(String response, int code) {
        AngusInternals.remember(this, response, code);
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
