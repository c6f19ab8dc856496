package bulletin.relay;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, noting whether the end of DATA was reached. A connection that breaks
 * before that point has delivered nothing for sure; after it, the relay may have taken the
 * message and its recipients are in doubt.
 */
class TrackedSmtpTransport extends SMTPTransport {

    private volatile boolean dataEnding;

    TrackedSmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    protected TrackedSmtpTransport(Session session, URLName urlname, String name, boolean isSSL) {
        super(session, urlname, name, isSSL);
    }

    /** True once the end-of-data mark of the last message was about to be sent. */
    boolean dataEnding() {
        return dataEnding;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dataEnding = false;
        super.sendMessage(message, addresses);
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
    public static class Implicit extends TrackedSmtpTransport {
        public Implicit(Session session, URLName urlname) {
            super(session, urlname, "smtps", true);
        }
    }
}
