package bulletin.relay;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A composed message handed to Jakarta Mail's transport: it writes the bytes it was given after
 * {@code DATA}, as they are (the transport still stuffs dots and ends the data). The transport asks
 * nothing else of it: the envelope sender is the session's {@code mail.smtp.from}, the recipients
 * are given beside it.
 */
final class RawMessage extends MimeMessage {

    /** What Jakarta Mail's transport leaves out when it writes a message: so does {@link #of}. */
    private static final String[] NOT_WRITTEN = {"Bcc", "Content-Length"};

    private final byte[] bytes;

    RawMessage(Session session, ComposedMessage composed) {
        super(session);
        this.bytes = composed.bytes();
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        out.write(bytes);
    }

    @Override
    protected void updateMessageID() {
        // the message was composed whole: nothing here may change it
    }

    /** A message built with Jakarta Mail inside this package (Bulletin's own short mails), as a relay takes it. */
    static ComposedMessage of(MimeMessage message) throws MessagingException, IOException {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, NOT_WRITTEN);
        return new ComposedMessage(message.getMessageID(), out.toByteArray());
    }
}
