package bulletin.feedback;

import bulletin.text.Ascii;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
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
 */
final class UnsubscribeRequests {

    /** Folded words and phrases that ask to leave the list. */
    private static final Pattern ASKS = Pattern.compile("\\b(unsubscribe|unsubscribed|desinscription|desinscrire"
            + "|desinscrivez|desinscrivez-moi|desinscris|desabonnement|desabonner|desabonnez|desabonnez-moi|desabonne"
            + "|stop|remove me|retirez-moi|retirer de la liste|ne plus recevoir|opt out|opt-out)\\b");
    /** A line of own words short enough to be the request itself, not a sentence about something else. */
    private static final int SHORT_LINE_WORDS = 8;

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
                } catch (jakarta.mail.internet.AddressException ignored) {
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
            if (!strip.isEmpty() && strip.split("\\s+").length <= SHORT_LINE_WORDS && asks(strip)) {
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
