package bulletin.feedback;

import bulletin.text.Ascii;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;

/**
 * Out-of-office and other automatic answers (RFC 3834 {@code Auto-Submitted}, the headers mail
 * programs add, the subjects they use): recognised so that they are left alone — never taken for
 * a bounce or for a request.
 */
final class AutoReplies {

    /** Subject starts, folded: French and English mail programs and webmails. */
    private static final List<String> SUBJECTS = List.of("absent", "absence", "out of office", "automatic reply",
            "auto reply", "autoreply", "auto:", "reponse automatique", "message automatique", "en conges", "conges",
            "vacances", "away from", "i am away", "je suis absent");

    private AutoReplies() {
    }

    static boolean is(MimeMessage message) throws MessagingException {
        String submitted = message.getHeader("Auto-Submitted", null);
        if (submitted != null && !submitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null
                || message.getHeader("X-Auto-Response-Suppress") != null) {
            return true;
        }
        String precedence = message.getHeader("Precedence", null);
        if (precedence != null && precedence.strip().equalsIgnoreCase("auto_reply")) {
            return true;
        }
        String subject = message.getSubject();
        if (subject == null) {
            return false;
        }
        String folded = Ascii.fold(subject).toLowerCase(Locale.ROOT).replaceFirst("^(re|tr|fw|fwd)\\s*:\\s*", "").strip();
        return SUBJECTS.stream().anyMatch(folded::startsWith);
    }
}
