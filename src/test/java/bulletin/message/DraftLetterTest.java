package bulletin.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.support.MimeParts;
import bulletin.support.ThunderbirdLetters;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A letter as Thunderbird saves it is read part by part, and sent with its parts byte for byte. */
class DraftLetterTest {

    @Test
    void thunderbirdsHtmlLetterGivesItsSubjectBodiesImageAndAccentedAttachmentAsTheyAre() {
        DraftLetter letter = DraftLetter.parse(ThunderbirdLetters.withImageAndAttachment("d1@amis.example", "La lettre de décembre"));

        assertThat(letter.subject()).isEqualTo("La lettre de décembre");
        assertThat(letter.messageId()).isEqualTo("<d1@amis.example>");
        assertThat(letter.html().replace("\r\n", "\n")).contains(ThunderbirdLetters.HTML_BODY);
        assertThat(letter.text()).contains("la taille des rosiers et l’assemblée du 12.");
        assertThat(letter.inline()).singleElement().satisfies(image -> {
            assertThat(image.contentId()).isEqualTo(ThunderbirdLetters.LOGO_CID);
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.bytes()).isEqualTo(ThunderbirdLetters.logo());
        });
        assertThat(letter.attachments()).singleElement().satisfies(pdf -> {
            assertThat(pdf.fileName()).isEqualTo(ThunderbirdLetters.PDF_NAME);
            assertThat(pdf.contentType()).isEqualTo("application/pdf");
            assertThat(pdf.bytes()).isEqualTo(ThunderbirdLetters.PDF);
        });
        assertThat(letter.addressed()).containsExactly("secretaire@amis.example");
        assertThat(DraftLetter.thawed(letter.frozen()).attachments().get(0).bytes()).isEqualTo(ThunderbirdLetters.PDF);
    }

    @Test
    void aPlainTextLetterHasNoHtmlAndItsTextIsItsOwn() {
        DraftLetter letter = DraftLetter.parse(ThunderbirdLetters.plainText("d2@amis.example", "Janvier"));

        assertThat(letter.html()).isNull();
        assertThat(letter.plainText()).contains("bonne année au jardin !");
        assertThat(letter.inline()).isEmpty();
        assertThat(letter.attachments()).isEmpty();
        assertThat(letter.addressed()).isEmpty();
    }

    @Test
    void composedTheLetterKeepsItsImageUnderItsContentIdAndItsAttachmentBytesAndNamesNoneOfItsOwnRecipients() throws Exception {
        DraftLetter letter = DraftLetter.parse(ThunderbirdLetters.withImageAndAttachment("d3@amis.example", "Décembre"));
        Letter composed = new Letter("Les Amis <bureau@amis.example>", null, Letter.UNDISCLOSED,
                new RenderedContent(letter.subject(), letter.html(), letter.plainText()), null, null, List.of(), letter);

        MimeMessage message = new MessageComposer(ZoneId.of("Pacific/Noumea"))
                .compose(Session.getInstance(new Properties()), composed, "<m1@amis.example>");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        MimeMessage sent = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(bytes.toByteArray()));

        List<Part> parts = MimeParts.leaves(sent);
        ThunderbirdLetters.assertImageAndAttachmentArrived(parts);
        assertThat(sent.getHeader("To", ",")).isEqualTo(Letter.UNDISCLOSED);
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain("secretaire@amis.example");
    }

    @Test
    void aMessageWithNothingToReadIsRefused() {
        byte[] empty = "Subject: rien\r\nMessage-ID: <e@x>\r\nContent-Type: application/octet-stream\r\n\r\nAAAA\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> DraftLetter.parse(empty)).isInstanceOf(CompositionException.class)
                .hasMessageContaining("no text or HTML");
    }

}
