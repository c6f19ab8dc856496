package bulletin.feedback;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;

/** The readable text of a message: its first text/plain part, else its HTML as text. */
final class MessageText {

    private MessageText() {
    }

    static String plain(Part message) throws MessagingException, IOException {
        String text = find(message, "text/plain");
        if (text == null) {
            String html = find(message, "text/html");
            text = html == null ? "" : Jsoup.parse(html).wholeText();
        }
        return text.replace("\r\n", "\n");
    }

    /**
     * A header that arrived as raw UTF-8 (RFC 6532) but was read byte by byte ("DÃ©sabonnement"),
     * read again as UTF-8; any other text is returned as it is.
     */
    static String utf8(String header) {
        if (header == null || header.chars().noneMatch(c -> c >= 0x80) || header.chars().anyMatch(c -> c > 0xFF)) {
            return header;
        }
        byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return header; // it was Latin-1 after all
        }
    }

    private static String find(Part part, String wanted) throws MessagingException, IOException {
        ContentType type = new ContentType(part.getContentType());
        if (type.match(wanted)) {
            return string(part);
        }
        if (type.match("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                    continue;
                }
                String found = find(child, wanted);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * The text of a part in its declared charset; with none declared (mail programs that write raw
     * 8-bit text), UTF-8 when its bytes are UTF-8, else Windows-1252, never US-ASCII's question marks.
     */
    private static String string(Part part) throws MessagingException, IOException {
        if (new ContentType(part.getContentType()).getParameter("charset") == null) {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return new String(bytes, Charset.forName("windows-1252"));
            }
        }
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
