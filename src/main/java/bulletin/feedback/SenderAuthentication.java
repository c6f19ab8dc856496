package bulletin.feedback;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the mailbox's own server vouches for a message's {@code From:}: its verdicts in the
 * topmost {@code Authentication-Results} header (RFC 8601), under the {@code authserv-id} the
 * mailbox profile names. Only that header counts: one further down, or under another id, was
 * written by whoever sent the message. The From is authenticated by a DMARC pass for its
 * domain, or a DKIM pass by its domain or a parent of it; SPF vouches only for the envelope.
 */
final class SenderAuthentication {

    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
    private static final Pattern RESULT = Pattern.compile("(?i)^\\s*(dmarc|dkim)\\s*=\\s*(\\w+)(.*)$");
    private static final Pattern PROPERTY = Pattern.compile("(?i)\\bheader\\.(from|d|i)\\s*=\\s*\"?([^\\s;\"]+)");

    private SenderAuthentication() {
    }

    /**
     * @param authservId the mailbox server's own id, or null when the profile names none (nothing is authenticated then)
     */
    static boolean vouchesForFrom(MimeMessage message, String authservId) throws MessagingException {
        if (authservId == null || authservId.isBlank()) {
            return false;
        }
        String[] results = message.getHeader("Authentication-Results");
        Address[] from = message.getFrom();
        if (results == null || from == null || from.length != 1 || !(from[0] instanceof InternetAddress sender)) {
            return false;
        }
        String domain = domain(sender.getAddress());
        String header = MimeUtility.unfold(results[0]);
        while (COMMENT.matcher(header).find()) {
            header = COMMENT.matcher(header).replaceAll(" ");
        }
        String[] parts = header.split(";");
        String id = parts[0].strip().split("\\s+")[0];
        if (domain == null || !id.equalsIgnoreCase(authservId.strip())) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            Matcher result = RESULT.matcher(parts[i]);
            if (!result.matches() || !result.group(2).equalsIgnoreCase("pass")) {
                continue;
            }
            Matcher property = PROPERTY.matcher(result.group(3));
            while (property.find()) {
                String value = domain(property.group(2));
                boolean dmarc = result.group(1).equalsIgnoreCase("dmarc") && property.group(1).equalsIgnoreCase("from");
                boolean dkim = result.group(1).equalsIgnoreCase("dkim") && !property.group(1).equalsIgnoreCase("from");
                if (value != null && (dmarc && value.equals(domain) || dkim && aligned(domain, value))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The From's domain is the signer's, or under it (relaxed alignment). */
    private static boolean aligned(String fromDomain, String signer) {
        return fromDomain.equals(signer) || fromDomain.endsWith("." + signer) && signer.contains(".");
    }

    /** The domain of an address (or a bare domain), lower-cased; null when there is none. */
    private static String domain(String value) {
        String domain = value.substring(value.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
        return domain.isEmpty() ? null : domain;
    }
}
