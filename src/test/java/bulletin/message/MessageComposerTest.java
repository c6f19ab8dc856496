package bulletin.message;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composed messages, parsed back with Jakarta Mail as a receiving client would. */
class MessageComposerTest {

    private final Session session = Session.getInstance(new Properties());
    private final MessageComposer composer = new MessageComposer(ZoneId.of("Pacific/Noumea"));

    @TempDir
    Path templates;

    private MimeMessage roundTrip(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ListHeaders list(String url, boolean oneClick) {
        return new ListHeaders("Bureau des Amis", "bureau.amis.example", "bureau@amis.example", url, oneClick);
    }

    @Test
    void composesABccMessageWithEveryHeaderBulkMailNeedsAndNoRecipient() throws Exception {
        Letter letter = new Letter("Les Amis du Jardin <bureau@amis.example>", "contact@amis.example", Letter.UNDISCLOSED,
                new RenderedContent("La lettre — novembre", "<p>Bonjour</p>", "Bonjour"), list(null, false), null, List.of());

        MimeMessage message = roundTrip(composer.compose(session, letter, "<1.000001.1.x@amis.example>",
                Map.of("X-Mailjet-Campaign", "lettre 2026-11")));

        assertThat(message.getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("Cc")).isNull();
        assertThat(message.getMessageID()).isEqualTo("<1.000001.1.x@amis.example>");
        assertThat(message.getHeader("From", ",")).isEqualTo("Les Amis du Jardin <bureau@amis.example>");
        assertThat(message.getHeader("Reply-To", ",")).isEqualTo("contact@amis.example");
        assertThat(message.getSubject()).isEqualTo("La lettre — novembre");
        assertThat(message.getHeader("Subject", ",")).startsWith("=?UTF-8?");
        assertThat(message.getHeader("Date", ",")).endsWith("+1100");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getHeader("Precedence", ",")).isEqualTo("bulk");
        assertThat(message.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(message.getHeader("List-Id", ",")).isEqualTo("Bureau des Amis <bureau.amis.example>");
        assertThat(message.getHeader("List-Unsubscribe", ",")).isEqualTo("<mailto:bureau@amis.example?subject=unsubscribe>");
        assertThat(message.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(message.getHeader("X-Mailjet-Campaign", ",")).isEqualTo("lettre 2026-11");

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Bonjour</p>");
    }

    @Test
    void aPersonalMessageIsToItsRecipientWithAOneClickUnsubscribe() throws Exception {
        Letter letter = new Letter("bureau@amis.example", null, "Amélie Économe <amelie@amis.example>",
                new RenderedContent("s", null, "t"), list("https://amis.example/u/42", true), null, List.of());

        MimeMessage message = roundTrip(composer.compose(session, letter, "<id@amis.example>"));

        assertThat(message.getHeader("To", ",")).startsWith("=?UTF-8?").endsWith("<amelie@amis.example>");
        assertThat(message.getHeader("List-Unsubscribe", ","))
                .isEqualTo("<mailto:bureau@amis.example?subject=unsubscribe>, <https://amis.example/u/42>");
        assertThat(message.getHeader("List-Unsubscribe-Post", ",")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getContentType()).startsWith("text/plain");
    }

    @Test
    void sendsImagesTheHtmlNamesInlineAndAttachesFiles() throws Exception {
        Files.createDirectories(templates.resolve("images"));
        Files.write(templates.resolve("images/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path agenda = Files.writeString(templates.resolve("agenda.txt"), "AG le 12 décembre");
        Path minutes = Files.writeString(templates.resolve("Compte-rendu.PDF"), "%PDF-1.4");
        Path form = Files.writeString(templates.resolve("adhesion.odt"), "PK");
        String html = "<p><img src=\"images/logo.png\" alt=\"logo\"><img src=\"https://amis.example/remote.png\"></p>";
        Letter letter = new Letter("bureau@amis.example", null, Letter.UNDISCLOSED, new RenderedContent("s", html, "t"),
                null, templates, List.of(agenda, minutes, form));

        MimeMessage message = roundTrip(composer.compose(session, letter, "<id@amis.example>"));

        assertThat(message.getContentType()).startsWith("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(4);
        // Each goes out with its type, so that a mail client shows what it is.
        assertThat(mixed.getBodyPart(1).getContentType()).startsWith("text/plain");
        assertThat(mixed.getBodyPart(2).getContentType()).startsWith("application/pdf");
        assertThat(mixed.getBodyPart(3).getContentType()).startsWith("application/vnd.oasis.opendocument.text");
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        String htmlBody = (String) related.getBodyPart(0).getContent();
        assertThat(htmlBody).contains("src=\"cid:image0@bulletin\"").contains("src=\"https://amis.example/remote.png\"");
        BodyPart image = related.getBodyPart(1);
        assertThat(image.getHeader("Content-ID")[0]).isEqualTo("<image0@bulletin>");
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("agenda.txt");
        assertThat(new String(attachment.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("AG le 12 décembre");
        assertThat(MessageComposer.inlineImages(html, templates)).containsExactly(templates.resolve("images/logo.png"));
    }

    /** Office and OpenDocument files go out with their real type, and a name in any script arrives as written. */
    @Test
    void attachmentsCarryTheirMediaTypeAndTheirNameInAnyLanguage() throws Exception {
        List<Path> files = List.of(
                Files.writeString(templates.resolve("Programme d'été — 2027.docx"), "PK"),
                Files.writeString(templates.resolve("Заявление.XLSX"), "PK"),
                Files.writeString(templates.resolve("会议纪要.ods"), "PK"),
                Files.writeString(templates.resolve("adhérents.csv"), "a;b"),
                Files.writeString(templates.resolve("photo.JPG"), "jpg"),
                Files.writeString(templates.resolve("notes.unknownext"), "?"));
        Letter letter = new Letter("bureau@amis.example", null, Letter.UNDISCLOSED, new RenderedContent("s", null, "t"),
                null, templates, files);

        MimeMessage message = roundTrip(composer.compose(session, letter, "<id@amis.example>"));

        MimeMultipart mixed = (MimeMultipart) message.getContent();
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 1; i < mixed.getCount(); i++) {
            BodyPart part = mixed.getBodyPart(i);
            parts.add(part.getFileName() + " " + part.getContentType().replaceAll("(?s);.*", "").strip());
        }
        assertThat(parts).containsExactly(
                "Programme d'été — 2027.docx application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "Заявление.XLSX application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "会议纪要.ods application/vnd.oasis.opendocument.spreadsheet",
                "adhérents.csv text/csv",
                "photo.JPG image/jpeg",
                "notes.unknownext application/octet-stream");
    }

    @Test
    void anAttachmentThatIsNotTextArrivesByteForByteEvenWhenItIsAllAscii() throws Exception {
        // A PDF written with bare LF line ends and no byte above 127: sent as 7bit, its line ends would become CRLF.
        byte[] pdf = "%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\nxref\n0 1\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(templates.resolve("ascii.pdf"), pdf);
        Letter letter = new Letter("bureau@amis.example", null, Letter.UNDISCLOSED, new RenderedContent("s", null, "t"),
                null, templates, List.of(file));

        MimeMessage message = roundTrip(composer.compose(session, letter, "<pdf@amis.example>"));

        BodyPart attached = ((MimeMultipart) message.getContent()).getBodyPart(1);
        assertThat(attached.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        assertThat(attached.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void lineBreaksFromDataNeverStartANewHeader() throws Exception {
        Letter letter = new Letter("\"Eve\r\nBcc: victim@example.org\" <eve@amis.example>", null, Letter.UNDISCLOSED,
                new RenderedContent("Hello\r\nBcc: victim@example.org\r\n\r\nbody", null, "t"),
                new ListHeaders("List\r\nBcc: victim@example.org", "x.amis.example", null, null, false), null, List.of());

        MimeMessage message = composer.compose(session, letter, "<id@amis.example>",
                Map.of("X-MJ-CustomID", "run1\r\nBcc: victim@example.org"));
        String headers = raw(message).split("\r\n\r\n", 2)[0];

        assertThat(headers.lines()).noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4));
        MimeMessage parsed = roundTrip(message);
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getSubject()).isEqualTo("Hello Bcc: victim@example.org body");
        assertThat(Collections.list(parsed.getAllHeaderLines())).noneMatch(line -> line.startsWith("Bcc"));
    }

    /** The subject's encoded header is kept from one message to the next: each still carries its own, as Jakarta Mail writes it. */
    @Test
    void eachMessageCarriesItsOwnSubjectEncodedAsJakartaMailWritesIt() throws Exception {
        List<String> subjects = List.of("La lettre d'été — juillet", "La lettre d'été — juillet", "Plain August news",
                "La lettre d'été — juillet " + "très ".repeat(20) + "chaud");
        for (String subject : subjects) {
            Letter letter = new Letter("Les Amis <bureau@amis.example>", null, Letter.UNDISCLOSED,
                    new RenderedContent(subject, null, "text"), null, null, List.of());
            MimeMessage message = composer.compose(session, letter, "<s@amis.example>", Map.of());
            MimeMessage expected = new MimeMessage(session);
            expected.setSubject(subject, "UTF-8");

            assertThat(message.getHeader("Subject", null)).isEqualTo(expected.getHeader("Subject", null));
            assertThat(roundTrip(message).getSubject()).isEqualTo(subject);
        }
    }

    @Test
    void takesTheMessageIdDomainFromTheSender() {
        assertThat(MessageComposer.senderDomain("Les Amis <bureau@Amis.Example>")).isEqualTo("amis.example");
        assertThat(ListHeaders.idFor("Bureau des Amis é", "amis.example")).isEqualTo("bureau-des-amis-e.amis.example");
    }

    /**
     * From the second message of one body on, the body is the one encoded for the previous message:
     * what a client reads is the same, each message keeps its own headers, and a new body is
     * encoded afresh.
     */
    @Test
    void messagesSharingABodyCarryTheSameContentAndTheirOwnHeaders() throws Exception {
        RenderedContent content = new RenderedContent("La lettre — novembre",
                "<p>Bonjour à tous, voici la lettre de novembre : jardinage, compost &amp; semis.</p>", "Bonjour à tous.");
        Letter letter = new Letter("Les Amis <bureau@amis.example>", null, Letter.UNDISCLOSED, content, list(null, false),
                null, List.of());

        MimeMessage first = composer.compose(session, letter, "<1@amis.example>", Map.of("X-Mailjet-Campaign", "a"));
        MimeMessage second = composer.compose(session, letter, "<2@amis.example>", Map.of("X-Mailjet-Campaign", "a"));
        MimeMessage third = composer.compose(session, letter, "<3@amis.example>", Map.of("X-Mailjet-Campaign", "a"));

        for (MimeMessage message : List.of(second, third)) {
            MimeMessage parsed = roundTrip(message);
            assertThat(parsed.getMessageID()).isEqualTo(message.getMessageID());
            assertThat(parsed.getHeader("To", ",")).isEqualTo(Letter.UNDISCLOSED);
            assertThat(parsed.getSubject()).isEqualTo("La lettre — novembre");
            assertThat(parsed.getHeader("X-Mailjet-Campaign", ",")).isEqualTo("a");
            assertThat(parsed.getHeader("List-Id", ",")).contains("bureau.amis.example");
            assertThat(parsed.getHeader("MIME-Version", ",")).isEqualTo("1.0");
            assertThat(text(parsed, "text/html")).isEqualTo(text(roundTrip(first), "text/html"))
                    .contains("Bonjour à tous, voici la lettre");
            assertThat(text(parsed, "text/plain")).isEqualTo("Bonjour à tous.");
        }
        assertThat(roundTrip(second).getMessageID()).isEqualTo("<2@amis.example>");
        assertThat(roundTrip(third).getMessageID()).isEqualTo("<3@amis.example>");
        assertThat(raw(second).replace("<2@", "<N@")).isEqualTo(raw(third).replace("<3@", "<N@")
                .replace(third.getHeader("Date", ","), second.getHeader("Date", ",")));

        Letter other = new Letter(letter.from(), null, Letter.UNDISCLOSED,
                new RenderedContent("Autre", "<p>Autre lettre</p>", "Autre lettre"), null, null, List.of());
        composer.compose(session, other, "<4@amis.example>");
        MimeMessage fifth = roundTrip(composer.compose(session, other, "<5@amis.example>"));
        assertThat(text(fifth, "text/html")).contains("Autre lettre");
        assertThat(fifth.getHeader("List-Id")).isNull();
    }

    private static String text(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = text(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** What a relay is handed: the bytes after DATA, addresses in raw UTF-8 only for a relay that takes SMTPUTF8. */
    @Test
    void theBytesForARelayAreTheMessageWithItsHeadersAsThatRelayTakesThem() throws Exception {
        Letter letter = new Letter("Amélie <bureau@amis.example>", null, Letter.UNDISCLOSED,
                new RenderedContent("La lettre d'été", null, "Bonjour.\n"));

        String ascii = new String(composer.bytes(false, letter, "<7@amis.example>", Map.of()),
                StandardCharsets.UTF_8);
        String utf8 = new String(composer.bytes(true, letter, "<7@amis.example>", Map.of()), StandardCharsets.UTF_8);

        assertThat(ascii).contains("Message-ID: <7@amis.example>\r\n").contains("Subject: =?UTF-8?")
                .doesNotContain("La lettre d'été").doesNotContain("Bcc:").contains("\r\n\r\nBonjour.");
        assertThat(ascii.chars()).allMatch(c -> c < 128);
        assertThat(ascii).contains("From: =?UTF-8?Q?Am=C3=A9lie?= <bureau@amis.example>\r\n");
        assertThat(utf8).contains("From: \"Amélie\" <bureau@amis.example>\r\n");
        MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(ascii.getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed.getSubject()).isEqualTo("La lettre d'été");
        assertThat(parsed.getMessageID()).isEqualTo("<7@amis.example>");
    }
}
