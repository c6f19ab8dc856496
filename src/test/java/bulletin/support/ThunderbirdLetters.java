package bulletin.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Letters as Thunderbird (115) saves them in a folder: its MIME layout (mixed › alternative ›
 * related), its boundaries, its {@code cid:} names ({@code part1.…@domain}), its RFC 2231 file
 * names for an attachment named in any script, its own headers — written here from its format,
 * not copied from a real mailbox.
 */
public final class ThunderbirdLetters {

    /** The image a letter embeds: the sample's logo, whatever its bytes. */
    public static byte[] logo() {
        try {
            return Files.readAllBytes(Path.of("templates/images/logo.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An attachment's bytes: a small PDF as any program writes one. */
    public static final byte[] PDF = ("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
            + "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** The attachment's name, accented: Thunderbird writes it as RFC 2231 parameters. */
    public static final String PDF_NAME = "Programme de l'assemblée.pdf";

    /** The Content-ID Thunderbird gave the embedded logo, which the HTML names as {@code cid:}. */
    public static final String LOGO_CID = "part1.Xy7Z2a3b.Q4w5e6r7@amis.example";

    public static final String HTML_BODY = "<p>Bonjour à tous,</p>\n    <p>Voici la lettre de décembre : la taille des rosiers"
            + " et l’assemblée du 12.</p>\n    <p><img moz-do-not-send=\"false\" src=\"cid:" + LOGO_CID + "\""
            + " alt=\"Les Amis du Jardin\" width=\"120\" height=\"40\"></p>";

    /**
     * The letter's logo arrived under its Content-ID and its PDF under its name, each byte for byte:
     * what a member's mail program gets of {@link #withImageAndAttachment}, whatever carried it.
     */
    public static void assertImageAndAttachmentArrived(List<Part> parts) {
        assertThat(parts).anySatisfy(part -> {
            assertThat(part.isMimeType("image/png")).isTrue();
            assertThat(((MimePart) part).getContentID()).isEqualTo("<" + LOGO_CID + ">");
            assertThat(part.getInputStream().readAllBytes()).isEqualTo(logo());
        });
        assertThat(parts).anySatisfy(part -> {
            assertThat(part.getFileName()).isEqualTo(PDF_NAME);
            assertThat(part.getInputStream().readAllBytes()).isEqualTo(PDF);
        });
    }

    private ThunderbirdLetters() {
    }

    /**
     * A home whose job takes its letter from the mailbox profile {@code mailbox}: the sample's letter
     * footer, {@code members} members, envelopes of 5, through {@code relay}. Returns the job file.
     */
    public static Path writeJob(TestHome home, String members, int count, String relay) {
        try {
            for (String footer : List.of("letter-footer.html.mustache", "letter-footer.txt.mustache")) {
                home.write("templates/" + footer, Files.readString(Path.of("templates", footer)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        home.writeRecipients("data/members.csv", TestHome.members(members, count));
        return home.write("jobs/ecrite.yml", """
                name: lettre-ecrite
                from: "Les Amis <bureau@amis.example>"
                content:
                  mailbox: mailbox
                recipients:
                  - data/members.csv
                chunk-size: 5
                relay: %s
                unsubscribe: bureau@amis.example
                variables:
                  association: Les Amis du Jardin
                """.formatted(relay));
    }

    /** HTML with an embedded image, a text part and an accented attachment; its own To names someone. */
    public static byte[] withImageAndAttachment(String messageId, String subject) {
        String text = """
                From: Bureau des Amis <bureau@amis.example>
                To: Secretaire <secretaire@amis.example>
                Subject: %s
                Message-ID: <%s>
                Date: Thu, 3 Dec 2026 10:05:00 +1100
                MIME-Version: 1.0
                User-Agent: Mozilla Thunderbird
                Content-Language: fr
                X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0;
                 attachmentreminder=0; deliveryformat=0
                X-Identity-Key: id1
                Content-Type: multipart/mixed; boundary="------------mIxEd0123456789abcdef"

                This is a multi-part message in MIME format.
                --------------mIxEd0123456789abcdef
                Content-Type: multipart/alternative;
                 boundary="------------aLtErNaTiVe0123456789"

                --------------aLtErNaTiVe0123456789
                Content-Type: text/plain; charset=UTF-8; format=flowed
                Content-Transfer-Encoding: 8bit

                Bonjour à tous,

                Voici la lettre de décembre : la taille des rosiers et l’assemblée du 12.

                --------------aLtErNaTiVe0123456789
                Content-Type: multipart/related;
                 boundary="------------rElAtEd0123456789ab"

                --------------rElAtEd0123456789ab
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                <!DOCTYPE html>
                <html>
                  <head>
                    <meta http-equiv="content-type" content="text/html; charset=UTF-8">
                  </head>
                  <body>
                    %s
                  </body>
                </html>
                --------------rElAtEd0123456789ab
                Content-Type: image/png; name="logo.png"
                Content-Disposition: inline; filename="logo.png"
                Content-Id: <part1.Xy7Z2a3b.Q4w5e6r7@amis.example>
                Content-Transfer-Encoding: base64

                %s
                --------------rElAtEd0123456789ab--

                --------------aLtErNaTiVe0123456789--
                --------------mIxEd0123456789abcdef
                Content-Type: application/pdf;
                 name*=UTF-8''Programme%%20de%%20l%%27assembl%%C3%%A9e.pdf
                Content-Disposition: attachment;
                 filename*=UTF-8''Programme%%20de%%20l%%27assembl%%C3%%A9e.pdf
                Content-Transfer-Encoding: base64

                %s
                --------------mIxEd0123456789abcdef--
                """.formatted(encoded(subject), messageId, HTML_BODY, base64(logo()), base64(PDF));
        return crlf(text);
    }

    /** Plain text only, as Thunderbird writes a letter composed in plain text. */
    public static byte[] plainText(String messageId, String subject) {
        return crlf("""
                From: Bureau des Amis <bureau@amis.example>
                Subject: %s
                Message-ID: <%s>
                Date: Fri, 4 Dec 2026 09:00:00 +1100
                MIME-Version: 1.0
                User-Agent: Mozilla Thunderbird
                Content-Language: fr
                Content-Type: text/plain; charset=UTF-8; format=flowed
                Content-Transfer-Encoding: 8bit

                Bonjour à tous,

                La lettre de janvier tient en trois lignes : bonne année au jardin !
                """.formatted(encoded(subject), messageId));
    }

    /** A subject as Thunderbird writes it: RFC 2047, UTF-8, quoted-printable. */
    private static String encoded(String subject) {
        try {
            return jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "Q");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    private static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
