package bulletin.feedback;

import bulletin.text.Ascii;
import jakarta.mail.BodyPart;
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

    private BounceReader() {
    }

    static Optional<Report> read(MimeMessage message) throws MessagingException, IOException {
        if (isDeliveryReport(message)) {
            List<Bounce> failures = withFailedRecipients(message, fromDeliveryStatus(message));
            return failures.isEmpty() ? Optional.empty() : Optional.of(new Report(failures, "delivery status notification"));
        }
        boolean mailSystem = fromMailSystem(message);
        if (!mailSystem && !bounceSubject(message)) {
            return Optional.empty();
        }
        String text = MessageText.plain(message);
        if (!mailSystem) {
            // A bounce subject from an address that is no mail system's: only the general reading, which needs a reply code.
            return general(text, true);
        }
        String[] failed = message.getHeader("X-Failed-Recipients");
        if (failed != null) {
            List<Bounce> failures = new ArrayList<>();
            for (String header : failed) {
                for (String address : header.split(",")) {
                    if (!address.isBlank()) {
                        failures.add(fromText(address.strip(), text));
                    }
                }
            }
            return Optional.of(new Report(failures, "Exim (X-Failed-Recipients)"));
        }
        if (text.contains("This is the qmail-send program")) {
            List<Bounce> failures = qmail(text);
            return failures.isEmpty() ? Optional.empty() : Optional.of(new Report(failures, "qmail"));
        }
        int exchange = text.indexOf("Delivery has failed to these recipients");
        if (exchange >= 0) {
            List<Bounce> failures = new ArrayList<>();
            for (String address : addressesIn(text.substring(exchange), 5)) {
                failures.add(fromText(address, text));
            }
            if (!failures.isEmpty()) {
                return Optional.of(new Report(failures, "Microsoft Exchange"));
            }
        }
        return general(text, false);
    }

    /**
     * A multipart/report that holds a delivery-status part, whatever its report-type says (AOL
     * leaves it out); a complaint (feedback-report) or a read receipt is not one.
     */
    private static boolean isDeliveryReport(MimeMessage message) throws MessagingException, IOException {
        ContentType type = new ContentType(message.getContentType());
        if (!type.match("multipart/report")) {
            return false;
        }
        String reportType = type.getParameter("report-type");
        if (reportType != null && !reportType.toLowerCase(Locale.ROOT).endsWith("delivery-status")) {
            return false;
        }
        if (!(message.getContent() instanceof Multipart parts)) {
            return false;
        }
        for (int i = 0; i < parts.getCount(); i++) {
            ContentType part = new ContentType(parts.getBodyPart(i).getContentType());
            if (part.match("message/delivery-status") || part.match("message/global-delivery-status")) {
                return true;
            }
        }
        return false;
    }

    /** X-Failed-Recipients (Exim, and servers that copy it) names the recipients again: other names for each. */
    private static List<Bounce> withFailedRecipients(MimeMessage message, List<Bounce> failures) throws MessagingException {
        String[] failed = message.getHeader("X-Failed-Recipients");
        if (failed == null) {
            return failures;
        }
        List<String> named = new ArrayList<>();
        for (String header : failed) {
            for (String address : header.split(",")) {
                if (!address.isBlank()) {
                    named.add(address.strip());
                }
            }
        }
        List<Bounce> all = new ArrayList<>();
        for (Bounce bounce : failures) {
            List<String> others = new ArrayList<>(bounce.otherAddresses());
            if (failures.size() == 1) {
                others.addAll(named); // one recipient: the header names the same one, as it was mailed
            }
            all.add(new Bounce(bounce.address(), bounce.status(), bounce.permanent(), bounce.words(), others));
        }
        return all;
    }

    /** Subjects that bounces carry, folded: for mail systems that do not say who they are in From. */
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)^(undeliver|undelivered|delivery status notification"
            + "|delivery failure|delivery has failed|delivery notification|returned mail|failure notice|mail delivery failed"
            + "|mail delivery failure|nondeliverable|non-deliverable|non remis|non distribuable|unzustellbar"
            + "|delivery report|message not delivered|could not deliver|mail system error)");

    private static boolean bounceSubject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject != null && BOUNCE_SUBJECT.matcher(Ascii.fold(subject).strip()).find();
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
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            ContentType type = new ContentType(part.getContentType());
            if (type.match("message/delivery-status") || type.match("message/global-delivery-status")) {
                recipients.addAll(perRecipientFields(part));
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
            String original = recipient(first(fields, "Original-Recipient"));
            if (address == null) {
                address = original;
            }
            if (address == null) {
                continue;
            }
            String status = first(fields, "Status");
            String enhanced = status == null ? null : enhanced(status);
            String words = first(fields, "Diagnostic-Code");
            words = words == null ? null : words.replaceFirst("(?i)^\\s*smtp\\s*;\\s*", "").replaceAll("\\s+", " ").strip();
            boolean permanent = action.startsWith("failed") && (enhanced == null || enhanced.startsWith("5"));
            failures.add(new Bounce(address, enhanced != null ? enhanced : action, permanent, words,
                    original == null ? List.of() : List.of(original)));
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
    private static Bounce fromText(String address, String text) {
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
        return new Bounce(address, status != null ? status : permanent ? "permanent" : "unknown", permanent, words);
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

    private static List<Bounce> qmail(String text) {
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
                    words != null ? words : reason.strip().replaceAll("\\s+", " ")));
        }
        return failures;
    }

    // ---- any other mail system's text --------------------------------------------------

    /** Where a bounce starts quoting the original message: nothing past it is the bounce's own. */
    private static final Pattern QUOTE_START = Pattern.compile("(?im)^[ \\t>]*(?:-{2,}.*(?:below this line|copy of the"
            + "|original message|header of the original|message d'origine|headers of the original|ursprungliche nachricht).*"
            + "|below is a copy of the original message.*|original message follows.*"
            + "|voici une copie du message.*|------ this is a copy.*)$");
    /** What a bounce's own text says when a delivery failed (folded, lower case). */
    private static final Pattern FAILED = Pattern.compile("could ?n[o']?t be delivered|was not delivered|not be delivered"
            + "|undeliverable|undelivered|delivery (?:has )?failed|failed to deliver|unable to deliver|permanent (?:error|failure)"
            + "|fatal error|could ?n[o']?t be reached|did not reach|following address(?:es|\\(es\\))? failed|delivery to the following"
            + "|was rejected|has been rejected|rejected by|does not exist|user unknown|unknown user|not listed|no such user"
            + "|n'a pas pu etre (?:remis|distribue|delivre)|non remis|non distribuable|unzustellbar|konnte nicht zugestellt"
            + "|returned mail|delivery status notification \\(failure\\)");
    /** A report that the server is still trying: a delay, never a final failure. */
    private static final Pattern STILL_TRYING = Pattern.compile("will (?:continue to |keep )?(?:try|retry)|still trying"
            + "|has not (?:yet )?been delivered|not yet been delivered|delivery is delayed|delivery delayed|this is a warning"
            + "|delivery status notification \\(delay\\)|warning: message");

    /**
     * Any other mail system's bounce (Sendmail, Exchange 2003, Yahoo, OpenSMTPD, GMX, iMail, Lotus
     * Notes, the filters' own notices): its own text, before the quoted original, says a delivery
     * failed; each address in it is a failed recipient, with the reply or the sentence next to it.
     * Only addresses Bulletin mailed are acted on (the caller checks), so the sender's own address
     * and a postmaster's are harmless here: in a Bcc message nobody else's address is quoted.
     *
     * @param needsCode the message is not from a mail system: an address counts only beside a reply code
     */
    private static Optional<Report> general(String text, boolean needsCode) {
        Matcher cut = QUOTE_START.matcher(text);
        String own = cut.find() ? text.substring(0, cut.start()) : text;
        String folded = Ascii.fold(own).toLowerCase(Locale.ROOT);
        if (!FAILED.matcher(folded).find()) {
            return Optional.empty();
        }
        boolean stillTrying = STILL_TRYING.matcher(folded).find();
        List<Bounce> failures = new ArrayList<>();
        for (String address : addressesIn(own, Integer.MAX_VALUE)) {
            String window = window(own, address);
            String words = reply(window);
            String status = enhanced(window);
            if (status == null && words != null) {
                Matcher code = SMTP_CODE.matcher(words);
                status = code.find() ? code.group() : null;
            }
            if (needsCode && status == null) {
                continue;
            }
            if (words == null) {
                words = window.strip().replaceAll("\\s+", " ");
                words = words.length() > 300 ? words.substring(0, 300) + "…" : words;
            }
            failures.add(new Bounce(address, status != null ? status : "unknown", !stillTrying, words));
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(new Report(failures, "plain-text bounce"));
    }

    /**
     * The lines about one address: from the line that names it, a few lines on (its reason is often
     * on the next lines, after a blank one), up to the line that names another address.
     */
    private static String window(String text, String address) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(address.toLowerCase(Locale.ROOT));
        int start = text.lastIndexOf('\n', Math.max(0, at)) + 1;
        String[] lines = text.substring(start).split("\\R", -1);
        StringBuilder window = new StringBuilder(lines[0]).append('\n');
        int taken = 0;
        for (int i = 1; i < lines.length && taken < 8; i++) {
            String line = lines[i];
            Matcher other = ADDRESS.matcher(line);
            boolean another = false;
            while (other.find()) {
                another |= !other.group().equalsIgnoreCase(address);
            }
            if (another) {
                break;
            }
            window.append(line).append('\n');
            if (!line.isBlank()) {
                taken++;
            }
        }
        return window.toString();
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
}
