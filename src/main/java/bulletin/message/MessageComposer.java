package bulletin.message;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.activation.FileTypeMap;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Composes a message: multipart/alternative text + HTML, images the HTML names by a relative
 * path sent inline ({@code cid:}, multipart/related), attachments (multipart/mixed), UTF-8
 * throughout, and the headers bulk mail needs. Envelope recipients never appear in it; no Bcc
 * header is ever set. Every header value from data is stripped of line breaks. One composer serves
 * one thread: it keeps the last body it encoded, so that the messages of a Bcc run, which share
 * one body, encode it once.
 */
public final class MessageComposer {

    private static final String UTF_8 = "UTF-8";
    /** What an SMTP transport leaves out of a message it writes (Jakarta Mail's own list). */
    private static final String[] NOT_WRITTEN = {"Bcc", "Content-Length"};
    private static final Session ASCII_HEADERS = Session.getInstance(new Properties());
    private static final Session UTF8_HEADERS = Session.getInstance(utf8Headers());

    private static Properties utf8Headers() {
        Properties properties = new Properties();
        properties.put("mail.mime.allowutf8", "true");
        return properties;
    }

    private final ZoneId zone;
    private BodyKey lastBodyKey;
    private PreparedBody lastBody;
    private String lastSubject;
    private String lastSubjectHeader;

    public MessageComposer(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param extraHeaders headers of this message only (a relay's campaign tags), already safe
     */
    public MimeMessage compose(Session session, Letter letter, String messageId, Map<String, String> extraHeaders) {
        try {
            IdentifiedMessage message = new IdentifiedMessage(session, messageId);
            message.setFrom(address(letter.from()));
            if (letter.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {address(letter.replyTo())});
            }
            message.setHeader("To", Letter.UNDISCLOSED.equals(letter.to()) ? Letter.UNDISCLOSED : address(letter.to()).toString());
            message.setHeader("Subject", subjectHeader(letter.content().subject()));
            message.setHeader("Date", ZonedDateTime.now(zone).format(DateTimeFormatter.RFC_1123_DATE_TIME));
            // Keep auto-responders quiet and tell filters what this is (RFC 3834; widely honoured).
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("Precedence", "bulk");
            if (letter.list() != null) {
                setListHeaders(message, letter.list());
            }
            for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
                message.setHeader(header.getKey(), HeaderText.clean(header.getValue()));
            }
            PreparedBody body = preparedBody(letter);
            if (body == null) {
                setBody(message, letter);
                message.saveChanges();
            } else {
                message.useBody(body);
            }
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new CompositionException("cannot compose the message: " + e.getMessage(), e);
        }
    }

    /**
     * The Subject header as {@code MimeMessage.setSubject} writes it (encoded words, folded), kept
     * for the next message: a run's messages share their subject, and encoding it was a fifth of
     * composing each one (JFR).
     */
    private String subjectHeader(String subject) throws UnsupportedEncodingException {
        if (!subject.equals(lastSubject)) {
            lastSubjectHeader = MimeUtility.fold(9, MimeUtility.encodeText(HeaderText.clean(subject), UTF_8, null));
            lastSubject = subject;
        }
        return lastSubjectHeader;
    }

    public MimeMessage compose(Session session, Letter letter, String messageId) {
        return compose(session, letter, messageId, Map.of());
    }

    /** A message for a file, a mailbox or a size check: its headers encoded as any relay takes them. */
    public MimeMessage compose(Letter letter, String messageId) {
        return compose(ASCII_HEADERS, letter, messageId, Map.of());
    }

    /**
     * The message as a relay takes it: its bytes as an SMTP server receives them after DATA.
     *
     * @param utf8 whether the relay takes UTF-8 headers (SMTPUTF8); else they are encoded (RFC 2047)
     */
    public byte[] bytes(boolean utf8, Letter letter, String messageId, Map<String, String> extraHeaders) {
        MimeMessage message = compose(utf8 ? UTF8_HEADERS : ASCII_HEADERS, letter, messageId, extraHeaders);
        ByteArrayOutputStream out = new ByteArrayOutputStream(lastBody == null ? 8192 : lastBody.raw().length + 4096);
        try {
            message.writeTo(out, NOT_WRITTEN);
        } catch (MessagingException | IOException e) {
            throw new CompositionException("cannot compose the message: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The sender's bare address ({@code "Name <addr>"} → {@code addr}), the envelope sender of its messages. */
    public static String bareAddress(String from) {
        try {
            return new InternetAddress(from).getAddress();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an address: " + from, e);
        }
    }

    /** The domain of the sender, for Message-IDs and list ids that belong to the sender. */
    public static String senderDomain(String from) {
        String address = bareAddress(from);
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The images an HTML body names by a relative path: they must exist in {@code imagesDir}. */
    public static List<Path> inlineImages(String html, Path imagesDir) {
        List<Path> images = new ArrayList<>();
        if (html == null || imagesDir == null) {
            return images;
        }
        for (Element img : Jsoup.parse(html).select("img[src]")) {
            String src = img.attr("src");
            if (isRelative(src)) {
                images.add(imagesDir.resolve(src).normalize());
            }
        }
        return images;
    }

    private static boolean isRelative(String src) {
        return !src.isBlank() && !src.contains(":") && !src.startsWith("//");
    }

    private static void setListHeaders(MimeMessage message, ListHeaders list) throws MessagingException,
            UnsupportedEncodingException {
        String name = HeaderText.clean(list.name());
        String phrase = name == null || name.isEmpty() ? "" : MimeUtility.encodeWord(name, UTF_8, "Q") + " ";
        message.setHeader("List-Id", phrase + "<" + HeaderText.clean(list.id()) + ">");
        String unsubscribe = list.listUnsubscribe();
        if (unsubscribe != null) {
            message.setHeader("List-Unsubscribe", HeaderText.clean(unsubscribe));
            if (list.oneClick() && list.unsubscribeUrl() != null) {
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
    }

    /** What makes two messages' bodies the same. */
    private record BodyKey(RenderedContent content, Path imagesDir, List<Path> attachments, DraftLetter draft) {
    }

    /**
     * The body already encoded, when this letter's body is the one of the previous message too (a
     * Bcc run: every message of the run). Encoding 50 KB of text and HTML as quoted-printable, and
     * Jakarta Mail's scan of it to choose that encoding, was the send loop's largest cost; now it
     * is done once per run. The first message of a body is composed directly, so a personal run
     * (a different body every time) pays nothing more.
     */
    private PreparedBody preparedBody(Letter letter) throws MessagingException {
        BodyKey key = new BodyKey(letter.content(), letter.imagesDir(), letter.attachments(), letter.draft());
        if (!key.equals(lastBodyKey)) {
            lastBodyKey = key;
            lastBody = null;
            return null;
        }
        if (lastBody == null) {
            MimeMessage composed = new MimeMessage((Session) null);
            setBody(composed, letter);
            composed.saveChanges();
            lastBody = PreparedBody.of(composed);
        }
        return lastBody;
    }

    private void setBody(MimeMessage message, Letter letter) throws MessagingException {
        RenderedContent content = letter.content();
        List<DraftLetter.PartBytes> drafted = letter.draft() == null ? List.of() : letter.draft().attachments();
        if (letter.attachments().isEmpty() && drafted.isEmpty()) {
            if (content.html() == null) {
                message.setText(content.text(), UTF_8, "plain");
            } else {
                message.setContent(alternative(content, letter));
            }
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart main = new MimeBodyPart();
        if (content.html() == null) {
            main.setText(content.text(), UTF_8, "plain");
        } else {
            main.setContent(alternative(content, letter));
        }
        mixed.addBodyPart(main);
        for (DraftLetter.PartBytes part : drafted) {
            mixed.addBodyPart(partOf(part, MimeBodyPart.ATTACHMENT));
        }
        for (Path file : letter.attachments()) {
            MimeBodyPart attachment = new MimeBodyPart();
            FileDataSource source = new FileDataSource(file.toFile());
            source.setFileTypeMap(new FileTypeMap() { // its type by extension, not octet-stream
                @Override
                public String getContentType(File ignored) {
                    return AttachmentTypes.of(file);
                }

                @Override
                public String getContentType(String ignored) {
                    return AttachmentTypes.of(file);
                }
            });
            attachment.setDataHandler(new DataHandler(source));
            keepBytes(attachment, AttachmentTypes.of(file));
            attachment.setFileName(file.getFileName().toString());
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(attachment);
        }
        message.setContent(mixed);
    }

    /** multipart/alternative of text and HTML, the HTML related to its inline images. */
    private MimeMultipart alternative(RenderedContent content, Letter letter) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), UTF_8, "plain");
        alternative.addBodyPart(text);
        alternative.addBodyPart(letter.draft() != null ? draftHtmlPart(content.html(), letter.draft())
                : htmlPart(content.html(), letter.imagesDir()));
        return alternative;
    }

    /** A written letter's HTML with the images it embeds, each under the Content-ID its HTML names. */
    private static MimeBodyPart draftHtmlPart(String html, DraftLetter draft) throws MessagingException {
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, UTF_8, "html");
        if (draft.inline().isEmpty()) {
            return htmlPart;
        }
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(htmlPart);
        for (DraftLetter.PartBytes image : draft.inline()) {
            MimeBodyPart part = partOf(image, MimeBodyPart.INLINE);
            part.setContentID("<" + image.contentId() + ">");
            related.addBodyPart(part);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(related);
        return wrapper;
    }

    /**
     * A part that is not text travels as base64: Jakarta Mail would send an ASCII-only file (a
     * PDF, a CSV-looking binary) as 7bit, and 7bit turns its line ends into CRLF, so the member
     * would receive other bytes than the file (a PDF's offsets broken).
     */
    private static void keepBytes(MimeBodyPart part, String contentType) throws MessagingException {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/")) {
            part.setHeader("Content-Transfer-Encoding", "base64");
        }
    }

    /** A part as the letter held it: its bytes, type and file name (in any script: RFC 2231). */
    private static MimeBodyPart partOf(DraftLetter.PartBytes bytes, String disposition) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes.bytes(), bytes.contentType())));
        keepBytes(part, bytes.contentType());
        part.setDisposition(disposition);
        if (bytes.fileName() != null) {
            part.setFileName(bytes.fileName());
        }
        return part;
    }

    /** The HTML with its inline images as cid: references, and the images by cid. */
    private record InlineHtml(String html, Map<String, String> cids) {
    }

    /**
     * The HTML as sent: relative images become cid: references. A Bcc run does this once (its
     * body is prepared once, see {@link #preparedBody}); the HTML is parsed only when it has images.
     */
    private static InlineHtml inline(String html, Path imagesDir) {
        Map<String, String> cids = new LinkedHashMap<>();
        String body = html;
        if (imagesDir != null && html.contains("<img")) {
            Document document = Jsoup.parse(html);
            document.outputSettings().prettyPrint(false);
            for (Element img : document.select("img[src]")) {
                String src = img.attr("src");
                if (isRelative(src)) {
                    String cid = cids.computeIfAbsent(src, key -> "image" + cids.size() + "@bulletin");
                    img.attr("src", "cid:" + cid);
                }
            }
            if (!cids.isEmpty()) {
                body = document.outerHtml();
            }
        }
        return new InlineHtml(body, cids);
    }

    private MimeBodyPart htmlPart(String html, Path imagesDir) throws MessagingException {
        InlineHtml inline = inline(html, imagesDir);
        Map<String, String> cids = inline.cids();
        String body = inline.html();
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(body, UTF_8, "html");
        if (cids.isEmpty()) {
            return htmlPart;
        }
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(htmlPart);
        for (Map.Entry<String, String> image : cids.entrySet()) {
            Path file = imagesDir.resolve(image.getKey()).normalize();
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new FileDataSource(file.toFile())));
            part.setContentID("<" + image.getValue() + ">");
            part.setDisposition(MimeBodyPart.INLINE);
            part.setFileName(file.getFileName().toString());
            related.addBodyPart(part);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(related);
        return wrapper;
    }

    private static InternetAddress address(String text) throws MessagingException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(text, true);
        // Re-set the display name so that a non-ASCII name is RFC 2047-encoded in UTF-8.
        return new InternetAddress(parsed.getAddress(), HeaderText.clean(parsed.getPersonal()), UTF_8);
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

        /** Takes an encoded body as it is: written out byte for byte, never encoded again. */
        void useBody(PreparedBody body) throws MessagingException {
            for (Header header : body.headers()) {
                setHeader(header.getName(), header.getValue());
            }
            content = body.raw(); // shared by the run's messages; MimeMessage only reads it
            updateMessageID();
            modified = false;
            saved = true;
        }
    }
}
