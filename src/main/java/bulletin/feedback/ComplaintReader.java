package bulletin.feedback;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a complaint: an abuse report in the Abuse Reporting Format (RFC 5965, {@code
 * multipart/report; report-type=feedback-report}) that a provider sends when a member marks the
 * newsletter as spam. The member is named by {@code Original-Rcpt-To}, or by the To of the copy it
 * attaches (a personal message's); a Bcc copy names nobody, and such a report is only noted.
 */
final class ComplaintReader {

    /** What counts as a complaint about the message; "not-spam" and the like do not. */
    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus");

    /**
     * @param addresses         who complained, as the report names them (may be empty: redacted)
     * @param feedbackType      the report's Feedback-Type
     */
    record Complaint(List<String> addresses, String feedbackType) {
    }

    private ComplaintReader() {
    }

    static Optional<Complaint> read(MimeMessage message) throws MessagingException, IOException {
        ContentType type = new ContentType(message.getContentType());
        if (!type.match("multipart/report") || !"feedback-report".equalsIgnoreCase(type.getParameter("report-type"))
                || !(message.getContent() instanceof Multipart parts)) {
            return Optional.empty();
        }
        InternetHeaders report = null;
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            ContentType partType = new ContentType(part.getContentType());
            if (partType.match("message/feedback-report")) {
                try (InputStream in = new ByteArrayInputStream(bytes(part))) {
                    report = new InternetHeaders(in);
                }
            } else if (partType.match("message/rfc822") || partType.match("text/rfc822-headers")) {
                InternetHeaders original = originalHeaders(part);
                addAddresses(original.getHeader("To", ","), addresses);
            }
        }
        if (report == null) {
            return Optional.empty();
        }
        String feedbackType = report.getHeader("Feedback-Type", null);
        feedbackType = feedbackType == null ? "abuse" : feedbackType.strip().toLowerCase(Locale.ROOT);
        if (!COMPLAINTS.contains(feedbackType)) {
            return Optional.empty();
        }
        List<String> named = new ArrayList<>();
        String[] rcptTo = report.getHeader("Original-Rcpt-To");
        if (rcptTo != null) {
            for (String value : rcptTo) {
                addAddresses(value, named);
            }
        }
        named.addAll(addresses.stream().filter(a -> named.stream().noneMatch(a::equalsIgnoreCase)).toList());
        return Optional.of(new Complaint(named, feedbackType));
    }

    private static InternetHeaders originalHeaders(BodyPart part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Message original) {
            InternetHeaders headers = new InternetHeaders();
            var all = original.getAllHeaders();
            while (all.hasMoreElements()) {
                var header = all.nextElement();
                headers.addHeader(header.getName(), header.getValue());
            }
            return headers;
        }
        try (InputStream in = new ByteArrayInputStream(bytes(part))) {
            return new InternetHeaders(in);
        }
    }

    /** The addresses of a header value; "undisclosed-recipients:;" and redacted values name nobody. */
    private static void addAddresses(String value, List<String> into) {
        if (value == null) {
            return;
        }
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (!address.isGroup() && address.getAddress() != null && address.getAddress().contains("@")) {
                    into.add(address.getAddress());
                }
            }
        } catch (AddressException e) {
            // redacted or broken: it names nobody
        }
    }

    private static byte[] bytes(BodyPart part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
