package bulletin.support;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A message as a reader sees it: its leaf parts, in order. */
public final class MimeParts {

    private MimeParts() {
    }

    /** A message from its bytes (as a relay received it, or as a file keeps it). */
    public static MimeMessage message(byte[] bytes) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every part that is not a multipart, depth first. */
    public static List<Part> leaves(Part part) throws Exception {
        List<Part> leaves = new ArrayList<>();
        collect(part, leaves);
        return leaves;
    }

    private static void collect(Part part, List<Part> leaves) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), leaves);
            }
        } else {
            leaves.add(part);
        }
    }
}
