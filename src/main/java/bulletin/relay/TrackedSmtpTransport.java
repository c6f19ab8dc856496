package bulletin.relay;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
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
        super.sendCommand(command);
        if (envelope != null && command.startsWith("MAIL FROM:") && pipelines()) {
            for (Address address : envelope) {
                // As Angus writes it (SMTPTransport.rcptTo; Bulletin sets no DSN notify).
                writeAhead("RCPT TO:" + angleBracketed(((InternetAddress) address).getAddress()));
            }
            writeAhead("DATA");
        }
    }

    private void writeAhead(String command) throws MessagingException {
        super.sendCommand(command);
        writtenAhead.add(command);
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
