package bulletin.message;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A message body in its final, encoded form: its MIME headers (MIME-Version, Content-Type,
 * Content-Transfer-Encoding) and the raw bytes that follow the header block.
 */
record PreparedBody(List<Header> headers, byte[] raw) {

    /** The body of a composed message whose changes are saved. */
    static PreparedBody of(MimeMessage composed) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            composed.writeTo(out);
            MimeMessage parsed = new MimeMessage((Session) null, new ByteArrayInputStream(out.toByteArray()));
            List<Header> headers = new ArrayList<>();
            for (Header header : Collections.list(parsed.getAllHeaders())) {
                String name = header.getName().toLowerCase(Locale.ROOT);
                if (name.equals("mime-version") || name.startsWith("content-")) {
                    headers.add(header);
                }
            }
            try (InputStream raw = parsed.getRawInputStream()) {
                return new PreparedBody(List.copyOf(headers), raw.readAllBytes());
            }
        } catch (IOException e) {
            throw new MessagingException("cannot encode the message body", e);
        }
    }
}
