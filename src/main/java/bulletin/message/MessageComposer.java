package bulletin.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Date;

/**
 * Composes the MIME message of one chunk. Recipients never appear in it: they travel only in
 * the SMTP envelope, which the relay is given beside the message. No Bcc header is ever set.
 */
public final class MessageComposer {

    private static final String UTF_8 = "UTF-8";

    public MimeMessage compose(Session session, Letter letter, String messageId) {
        try {
            MimeMessage message = new IdentifiedMessage(session, messageId);
            message.setFrom(address(letter.from()));
            if (letter.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {address(letter.replyTo())});
            }
            message.setHeader("To", letter.toHeader());
            message.setSubject(letter.content().subject(), UTF_8);
            message.setSentDate(new Date());
            // Keep auto-responders quiet and tell filters what this is (RFC 3834; widely honoured).
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("Precedence", "bulk");
            setBody(message, letter.content());
            message.saveChanges();
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot compose the message: " + e.getMessage(), e);
        }
    }

    /** The domain of the sender, for Message-IDs that belong to the sender. */
    public static String senderDomain(String from) {
        try {
            String address = new InternetAddress(from).getAddress();
            return address.substring(address.lastIndexOf('@') + 1);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an address: " + from, e);
        }
    }

    private static void setBody(MimeMessage message, RenderedContent content) throws MessagingException {
        if (content.html() != null && content.text() != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), UTF_8, "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        } else if (content.html() != null) {
            message.setText(content.html(), UTF_8, "html");
        } else {
            message.setText(content.text(), UTF_8, "plain");
        }
    }

    private static InternetAddress address(String text) throws MessagingException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(text, true);
        // Re-set the display name so that a non-ASCII name is RFC 2047-encoded in UTF-8.
        return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8);
    }

    /** A message whose Message-ID is ours (on the sender's domain), not the one Jakarta Mail would invent. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
