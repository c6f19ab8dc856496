package bulletin.feedback;

import bulletin.text.Ascii;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person asking by mail not to receive the newsletter any more: a message to a campaign's
 * List-Unsubscribe address whose subject asks for it, or whose own words (not the quoted
 * newsletter) are a short line that does. French and English, any case, accents or not. A
 * longer sentence that merely contains "stop" is not a request: Bulletin never suppresses on a guess.
 * A sentence that says it in full ("merci de ne plus m'envoyer cette lettre", "please take me off
 * your list") is one, unless it is a question or says the opposite ("je ne veux pas me désinscrire").
 */
final class UnsubscribeRequests {

    /** Folded words and phrases that ask to leave the list. */
    private static final Pattern ASKS = Pattern.compile("\\b(unsubscribe|unsubscribed|desinscription|desinscrire"
            + "|desinscrivez|desinscrivez-moi|desinscris|desabonnement|desabonner|desabonnez|desabonnez-moi|desabonne"
            + "|stop|remove me|retirez-moi|retirer de la liste|ne plus recevoir|opt out|opt-out)\\b");
    /** A line of own words short enough to be the request itself, not a sentence about something else. */
    private static final int SHORT_LINE_WORDS = 8;
    /** Sentences that ask in full, folded: they count in a longer line too. */
    private static final Pattern ASKS_IN_FULL = Pattern.compile("\\b(ne (plus|pas) (m'|me )?(l')?(envoyer|adresser|ecrire)"
            + "|ne (souhaite|veux|desire|voudrais) plus (la |le |les )?(recevoir|etre (inscrit|inscrite|sur))"
            + "|ne plus (la |le |les )?recevoir|(retirez|retirer|supprimez|supprimer|effacez|enlevez|enlever) (mon adresse|moi|mon e-?mail|mon courriel)"
            + "|(retirez|supprimez|enlevez|rayez)-moi|desinscrivez-moi|desabonnez-moi|me desinscrire|me desabonner"
            + "|take me off|remove me|remove my (address|e-?mail)|unsubscribe me|opt me out"
            + "|no longer (wish|want|like) to (receive|get|be on)|(please )?stop (sending|emailing|mailing)"
            + "|(do not|don't|dont) (send|email|mail) me|don't want to receive|do not want to receive)\\b");
    /** What turns such a sentence around: a question, or the request denied. */
    private static final Pattern NOT_ASKING = Pattern.compile("\\?\\s*$|\\b(ne (veux|souhaite) pas (me )?(desinscrire|desabonner)"
            + "|(do not|don't) (want to|wish to) unsubscribe|pourquoi|comment|why|how)\\b");
    /** The longest line such a sentence may be, in words. */
    private static final int SENTENCE_WORDS = 30;

    private UnsubscribeRequests() {
    }

    /**
     * A request: who asks (the address to suppress), and the List-Unsubscribe address it was sent to.
     */
    record Request(String sender, String to) {
    }

    /**
     * @param unsubscribeAddresses the List-Unsubscribe mailto addresses of the campaigns, lower-cased
     * @return the request, when the message is one
     */
    static Optional<Request> read(MimeMessage message, Set<String> unsubscribeAddresses)
            throws MessagingException, IOException {
        Optional<String> to = unsubscribeAddresses.isEmpty() ? Optional.empty() : sentTo(message, unsubscribeAddresses);
        if (to.isEmpty()) {
            return Optional.empty();
        }
        Address[] from = message.getFrom();
        if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress sender)) {
            return Optional.empty();
        }
        if (asks(message.getSubject()) || ownWordsAsk(MessageText.plain(message))) {
            return Optional.of(new Request(sender.getAddress(), to.get()));
        }
        return Optional.empty();
    }

    /** The first of these addresses the message was sent to. */
    private static Optional<String> sentTo(MimeMessage message, Set<String> addresses) throws MessagingException {
        List<String> to = new ArrayList<>();
        for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
            String[] values = message.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                try {
                    for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                        to.add(address.getAddress().toLowerCase(Locale.ROOT));
                    }
                } catch (AddressException ignored) {
                    // an unreadable header names nobody
                }
            }
        }
        return to.stream().filter(addresses::contains).findFirst();
    }

    private static boolean asks(String text) {
        return text != null && ASKS.matcher(Ascii.fold(MessageText.utf8(text)).toLowerCase(Locale.ROOT)).find();
    }

    /** The lines the sender wrote, before the quoted newsletter: one short line that asks is enough. */
    private static boolean ownWordsAsk(String text) {
        for (String line : text.split("\\R")) {
            String strip = line.strip();
            if (strip.startsWith(">") || isQuoteIntro(strip)) {
                break;
            }
            int words = strip.isEmpty() ? 0 : strip.split("\\s+").length;
            if (words > 0 && words <= SHORT_LINE_WORDS && asks(strip)) {
                return true;
            }
            String folded = Ascii.fold(MessageText.utf8(strip)).toLowerCase(Locale.ROOT).replace('’', '\'');
            if (words > 0 && words <= SENTENCE_WORDS && ASKS_IN_FULL.matcher(folded).find()
                    && !NOT_ASKING.matcher(folded).find()) {
                return true;
            }
        }
        return false;
    }

    /** "Le 3 nov. 2026, Bureau a écrit :", "On Mon, Nov 3, 2026, Bureau wrote:", "-----Original Message-----". */
    private static boolean isQuoteIntro(String line) {
        String folded = Ascii.fold(line).toLowerCase(Locale.ROOT);
        return folded.endsWith("a ecrit :") || folded.endsWith("a ecrit:") || folded.endsWith("wrote:")
                || folded.startsWith("-----original message") || folded.startsWith("-----message d'origine")
                || folded.startsWith("de :") || folded.startsWith("from:");
    }
}
