package bulletin.message;

import bulletin.text.Sentence;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A letter written in a mail client (Thunderbird) and saved in the association's mailbox: its
 * subject, its HTML and text, the images its HTML embeds ({@code cid:}) and its attachments, each
 * kept byte for byte. Its own From, To, Cc and Bcc are not the letter's: the job says who sends it
 * and to whom.
 *
 * @param raw         the message as the mailbox holds it: what a run freezes
 * @param messageId   its Message-ID, which names it in the folder (null when it has none)
 * @param date        when it was written (its Date), or null
 * @param subject     its subject, or "" when it has none
 * @param html        its HTML part, or null for a plain-text letter
 * @param text        its text part, or null when it has only HTML
 * @param inline      the parts its HTML names by {@code cid:}
 * @param attachments its attachments
 * @param addressed   the addresses its own To, Cc and Bcc name: never used, said by {@code validate}
 */
public record DraftLetter(byte[] raw, String messageId, Instant date, String subject, String html, String text,
                          List<PartBytes> inline, List<PartBytes> attachments, List<String> addressed) {

    /** The name a run's frozen files give a letter written in a mail client ({@link #frozen}). */
    public static final String FROZEN = "letter.eml";

    /** One part kept as it came: for an inline image, its Content-ID (without brackets). */
    public record PartBytes(String contentId, String fileName, String contentType, byte[] bytes) {
    }

    public DraftLetter {
        inline = List.copyOf(inline);
        attachments = List.copyOf(attachments);
        addressed = List.copyOf(addressed);
    }

    /** @throws CompositionException when the bytes are not a message Bulletin can send as it is */
    public static DraftLetter parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            Walk walk = new Walk();
            walk.visit(message, false);
            if (walk.html == null && walk.text == null) {
                throw new CompositionException(Sentence.of("letter.no-body"), null);
            }
            Date date = message.getSentDate();
            List<String> addressed = new ArrayList<>();
            for (String header : new String[] {"To", "Cc", "Bcc"}) {
                String value = message.getHeader(header, ",");
                if (value != null) {
                    Arrays.stream(InternetAddress.parseHeader(value, false)).map(InternetAddress::getAddress)
                            .forEach(addressed::add);
                }
            }
            return new DraftLetter(raw.clone(), message.getMessageID(), date == null ? null : date.toInstant(),
                    message.getSubject() == null ? "" : message.getSubject(), walk.html, walk.text, walk.inline,
                    walk.attachments, addressed);
        } catch (MessagingException | IOException e) {
            throw new CompositionException(Sentence.of("letter.unreadable", e.getMessage()), e);
        }
    }

    /** Its text: the text part, or one made from the HTML. */
    public String plainText() {
        return text != null ? text : HtmlToText.convert(html);
    }

    /** Walks the parts as a mail client lays them out: alternative, related, mixed, nested as it likes. */
    private static final class Walk {
        private String html;
        private String text;
        private final List<PartBytes> inline = new ArrayList<>();
        private final List<PartBytes> attachments = new ArrayList<>();

        void visit(Part part, boolean inRelated) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                boolean related = part.isMimeType("multipart/related");
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    visit(child, related || inRelated && child.isMimeType("multipart/*"));
                }
                return;
            }
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            String contentId = part instanceof MimePart mime ? mime.getContentID() : null;
            if (!attached && html == null && part.isMimeType("text/html")) {
                html = (String) part.getContent();
            } else if (!attached && text == null && part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (!attached && contentId != null && (inRelated || !part.isMimeType("text/*"))) {
                inline.add(bytesOf(part, stripped(contentId)));
            } else {
                attachments.add(bytesOf(part, null));
            }
        }

        private static PartBytes bytesOf(Part part, String contentId) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            String name = part.getFileName();
            name = name == null ? null : MimeUtility.decodeText(name); // RFC 2047 names, as some clients write them
            String type = part.getContentType() == null ? "application/octet-stream"
                    : part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
            return new PartBytes(contentId, name, type, bytes);
        }

        private static String stripped(String contentId) {
            String id = contentId.strip();
            return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
        }
    }

    /** For a report of its size: the bytes of the message as the mailbox holds it. */
    public int size() {
        return raw.length;
    }

    /** The raw message as text, for a frozen copy ({@link #parse} reads it back from its bytes). */
    public String frozen() {
        return Base64.getMimeEncoder().encodeToString(raw);
    }

    /** A letter frozen by {@link #frozen}. */
    public static DraftLetter thawed(String frozen) {
        return parse(Base64.getMimeDecoder().decode(frozen.getBytes(StandardCharsets.US_ASCII)));
    }
}
