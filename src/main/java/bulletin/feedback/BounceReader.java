package bulletin.feedback;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a bounce: a delivery status notification (RFC 3464, {@code multipart/report;
 * report-type=delivery-status}, as Postfix, Gmail, Microsoft and most servers send) or one of the
 * common plain-text formats (Exim's {@code X-Failed-Recipients}, qmail's "Hi. This is the
 * qmail-send program", older Exchange's "Delivery has failed to these recipients"). A plain-text
 * bounce counts only when it comes from a mail system (MAILER-DAEMON, postmaster, an empty
 * Return-Path): a person's message that quotes an address and "550" is never taken for one.
 */
final class BounceReader {

    /** A bounce and the format it was read from, for the report. */
    record Report(List<Bounce> failures, String format) {
    }

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern SMTP_CODE = Pattern.compile("(?<![\\d.])([45])\\d\\d(?![\\d.])");
    private static final Pattern ANGLED = Pattern.compile("<([^<>@\\s]+@[^<>\\s]+)>");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");

    private BounceReader() {
    }

    static Optional<Report> read(MimeMessage message) throws MessagingException, IOException {
        if (isDeliveryReport(message)) {
            List<Bounce> failures = fromDeliveryStatus(message);
            return failures.isEmpty() ? Optional.empty() : Optional.of(new Report(failures, "delivery status notification"));
        }
        if (!fromMailSystem(message)) {
            return Optional.empty();
        }
        String text = MessageText.plain(message);
        String quoted = quotedMessageId(message, text);
        String[] failed = message.getHeader("X-Failed-Recipients");
        if (failed != null) {
            List<Bounce> failures = new ArrayList<>();
            for (String header : failed) {
                for (String address : header.split(",")) {
                    if (!address.isBlank()) {
                        failures.add(fromText(address.strip(), text, quoted));
                    }
                }
            }
            return Optional.of(new Report(failures, "Exim (X-Failed-Recipients)"));
        }
        if (text.contains("This is the qmail-send program")) {
            List<Bounce> failures = qmail(text, quoted);
            return failures.isEmpty() ? Optional.empty() : Optional.of(new Report(failures, "qmail"));
        }
        int exchange = text.indexOf("Delivery has failed to these recipients");
        if (exchange >= 0) {
            List<Bounce> failures = new ArrayList<>();
            for (String address : addressesIn(text.substring(exchange), 5)) {
                failures.add(fromText(address, text, quoted));
            }
            return failures.isEmpty() ? Optional.empty() : Optional.of(new Report(failures, "Microsoft Exchange"));
        }
        return Optional.empty();
    }

    private static boolean isDeliveryReport(Part part) throws MessagingException {
        ContentType type = new ContentType(part.getContentType());
        return type.match("multipart/report") && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
    }

    /** MAILER-DAEMON, postmaster or an empty envelope sender: where bounces come from. */
    private static boolean fromMailSystem(MimeMessage message) throws MessagingException {
        String[] returnPath = message.getHeader("Return-Path");
        if (returnPath != null && returnPath[0].replaceAll("\\s", "").equals("<>")) {
            return true;
        }
        String from = message.getHeader("From", ",");
        if (from == null) {
            return false;
        }
        String lower = from.toLowerCase(Locale.ROOT);
        return lower.contains("mailer-daemon") || lower.contains("postmaster") || lower.contains("mail delivery");
    }

    // ---- RFC 3464 ----------------------------------------------------------------------

    private static List<Bounce> fromDeliveryStatus(MimeMessage message) throws MessagingException, IOException {
        Multipart report = (Multipart) message.getContent();
        List<InternetHeaders> recipients = new ArrayList<>();
        String originalId = null;
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            ContentType type = new ContentType(part.getContentType());
            if (type.match("message/delivery-status") || type.match("message/global-delivery-status")) {
                recipients.addAll(perRecipientFields(part));
            } else if (type.match("message/rfc822") || type.match("text/rfc822-headers")
                    || type.match("message/global") || type.match("message/global-headers")) {
                originalId = originalMessageId(part);
            }
        }
        List<Bounce> failures = new ArrayList<>();
        for (InternetHeaders fields : recipients) {
            String action = first(fields, "Action");
            if (action == null) {
                continue;
            }
            action = action.strip().toLowerCase(Locale.ROOT);
            if (!action.startsWith("failed") && !action.startsWith("delayed")) {
                continue; // delivered, relayed, expanded: nothing wrong
            }
            String address = recipient(first(fields, "Final-Recipient"));
            if (address == null) {
                address = recipient(first(fields, "Original-Recipient"));
            }
            if (address == null) {
                continue;
            }
            String status = first(fields, "Status");
            String enhanced = status == null ? null : enhanced(status);
            String words = first(fields, "Diagnostic-Code");
            words = words == null ? null : words.replaceFirst("(?i)^\\s*smtp\\s*;\\s*", "").replaceAll("\\s+", " ").strip();
            boolean permanent = action.startsWith("failed") && (enhanced == null || enhanced.startsWith("5"));
            failures.add(new Bounce(address, enhanced != null ? enhanced : action, permanent, words, originalId));
        }
        return failures;
    }

    /** The per-recipient field groups: the blocks after the per-message one, separated by blank lines. */
    private static List<InternetHeaders> perRecipientFields(Part part) throws MessagingException, IOException {
        List<InternetHeaders> blocks = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes(part))) {
            new InternetHeaders(in); // per-message fields
            while (in.available() > 0) {
                InternetHeaders block = new InternetHeaders(in);
                if (block.getAllHeaderLines().hasMoreElements()) {
                    blocks.add(block);
                }
            }
        }
        return blocks;
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String originalMessageId(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Message original) {
            String[] ids = original.getHeader("Message-ID");
            return ids == null ? null : ids[0].strip();
        }
        try (InputStream in = new ByteArrayInputStream(bytes(part))) {
            String id = new InternetHeaders(in).getHeader("Message-ID", null);
            return id == null ? null : id.strip();
        }
    }

    private static String first(InternetHeaders fields, String name) {
        String[] values = fields.getHeader(name);
        return values == null ? null : values[0];
    }

    /** "rfc822; someone@example.org" → the address. */
    private static String recipient(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String address = (semicolon >= 0 ? field.substring(semicolon + 1) : field).strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
        }
        return address.contains("@") ? address : null;
    }

    private static String enhanced(String text) {
        Matcher matcher = ENHANCED.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }

    // ---- plain-text formats ------------------------------------------------------------

    /** One failed address of a plain-text bounce: its status from the text next to it, else from the whole text. */
    private static Bounce fromText(String address, String text, String quoted) {
        String near = near(text, address);
        String words = reply(near != null ? near : text);
        String status = words == null ? null : enhanced(words);
        if (status == null && words != null) {
            Matcher code = SMTP_CODE.matcher(words);
            status = code.find() ? code.group() : null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean permanent = status != null ? status.startsWith("5")
                : lower.contains("permanent error") || lower.contains("permanent failure");
        return new Bounce(address, status != null ? status : permanent ? "permanent" : "unknown", permanent, words, quoted);
    }

    /** The text after the first mention of the address, up to a blank line (where its reason is). */
    private static String near(String text, String address) {
        int at = text.indexOf(address);
        if (at < 0) {
            return null;
        }
        int end = text.indexOf("\n\n", at + address.length());
        String tail = text.substring(at, end < 0 ? text.length() : end);
        return reply(tail) == null ? null : tail;
    }

    /** The first line that holds an SMTP reply ("550 5.1.1 ..."), as the remote server's words. */
    private static String reply(String text) {
        for (String line : text.split("\\R")) {
            String strip = line.strip();
            Matcher code = SMTP_CODE.matcher(strip);
            if (code.find() && (ENHANCED.matcher(strip).find() || strip.matches(".*\\b[45]\\d\\d[ -].*"))) {
                return strip.replaceAll("\\s+", " ");
            }
        }
        return null;
    }

    private static List<Bounce> qmail(String text, String quoted) {
        List<Bounce> failures = new ArrayList<>();
        int copy = text.indexOf("--- Below this line is a copy of the message.");
        String head = copy < 0 ? text : text.substring(0, copy);
        Matcher matcher = Pattern.compile("(?m)^<([^<>\\s]+@[^<>\\s]+)>:\\s*$").matcher(head);
        while (matcher.find()) {
            String address = matcher.group(1);
            int end = head.indexOf("\n\n", matcher.end());
            String reason = head.substring(matcher.end(), end < 0 ? head.length() : end);
            String words = reply(reason);
            String status = words == null ? null : enhanced(words);
            if (status == null && words != null) {
                Matcher code = SMTP_CODE.matcher(words);
                status = code.find() ? code.group() : null;
            }
            boolean permanent = status != null ? status.startsWith("5") : head.contains("This is a permanent error");
            failures.add(new Bounce(address, status != null ? status : permanent ? "permanent" : "unknown", permanent,
                    words != null ? words : reason.strip().replaceAll("\\s+", " "), quoted));
        }
        return failures;
    }

    /** Distinct addresses in the first {@code lines} non-blank lines of the text. */
    private static List<String> addressesIn(String text, int lines) {
        Map<String, Boolean> found = new LinkedHashMap<>();
        int seen = 0;
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (seen++ > lines) {
                break;
            }
            Matcher angled = ANGLED.matcher(line);
            Matcher plain = ADDRESS.matcher(line);
            if (angled.find()) {
                found.put(angled.group(1), true);
            } else if (plain.find()) {
                found.put(plain.group(), true);
            }
        }
        List<String> valid = new ArrayList<>();
        for (String address : found.keySet()) {
            try {
                new InternetAddress(address, true);
                valid.add(address);
            } catch (AddressException ignored) {
                // not an address after all
            }
        }
        return valid;
    }

    /** The Message-ID of the bounced message, from an attached copy or from its headers quoted in the text. */
    private static String quotedMessageId(MimeMessage message, String text) throws MessagingException, IOException {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                ContentType type = new ContentType(part.getContentType());
                if (type.match("message/rfc822") || type.match("text/rfc822-headers")) {
                    String id = originalMessageId(part);
                    if (id != null) {
                        return id;
                    }
                }
            }
        }
        Matcher matcher = QUOTED_MESSAGE_ID.matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1); // the last one: the bounce's own may come first
        }
        return last;
    }
}
