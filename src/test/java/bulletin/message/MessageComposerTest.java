package bulletin.message;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessageComposerTest {

    private final Session session = Session.getInstance(new Properties());

    private MimeMessage roundTrip(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void composesABccMessageThatNamesNoRecipient() throws Exception {
        Letter letter = new Letter("Les Amis du Jardin <bureau@amis.example>", "contact@amis.example", Letter.UNDISCLOSED,
                new RenderedContent("La lettre — novembre", "<p>Bonjour</p>", "Bonjour"));

        MimeMessage message = roundTrip(new MessageComposer().compose(session, letter, "<1.000001.1.x@amis.example>"));

        assertThat(message.getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("Cc")).isNull();
        assertThat(message.getMessageID()).isEqualTo("<1.000001.1.x@amis.example>");
        assertThat(message.getHeader("From", ",")).isEqualTo("Les Amis du Jardin <bureau@amis.example>");
        assertThat(message.getHeader("Reply-To", ",")).isEqualTo("contact@amis.example");
        assertThat(message.getSubject()).isEqualTo("La lettre — novembre");
        assertThat(message.getHeader("Subject", ",")).startsWith("=?UTF-8?");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getHeader("Precedence", ",")).isEqualTo("bulk");
        assertThat(message.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Bonjour</p>");
    }

    @Test
    void encodesANonAsciiSenderNameAndCanShowTheSenderInTo() throws Exception {
        Letter letter = new Letter("Amélie Économe <amelie@amis.example>", null, "Amélie Économe <amelie@amis.example>",
                new RenderedContent("s", null, "t"));

        MimeMessage message = roundTrip(new MessageComposer().compose(session, letter, "<id@amis.example>"));

        assertThat(message.getHeader("From", ",")).startsWith("=?UTF-8?").endsWith("<amelie@amis.example>");
        assertThat(message.getFrom()[0].toString()).contains("amelie@amis.example");
        assertThat(message.getHeader("Reply-To")).isNull();
        assertThat(message.getContentType()).startsWith("text/plain");
    }

    @Test
    void takesTheMessageIdDomainFromTheSender() {
        assertThat(MessageComposer.senderDomain("Les Amis <bureau@amis.example>")).isEqualTo("amis.example");
    }
}
