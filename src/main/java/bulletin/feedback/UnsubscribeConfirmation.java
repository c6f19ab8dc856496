package bulletin.feedback;

import bulletin.audience.AddressKeys;
import bulletin.home.Workspace;
import bulletin.relay.PlainMail;
import bulletin.relay.RelayFactory;
import bulletin.text.Sentence;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What Bulletin mails a member about an unsubscribe request, from the address the request went to,
 * through {@code bulletin.feedback.confirm-relay}. A request whose sender nobody authenticated is
 * confirmed first: the member gets a message whose subject carries a token, and the request is
 * honoured when the answer (which only the real member can write) is read, as Mailman does. An
 * honoured request may be told ({@code confirm-unsubscribe}). Whatever the number of requests,
 * an address gets at most one such mail a day, and only an address Bulletin mails.
 */
@Component
class UnsubscribeConfirmation {

    /** How long an answer to a confirmation is honoured. */
    static final Duration VALIDITY = Duration.ofDays(7);
    private static final Duration ONE_A_DAY = Duration.ofDays(1);
    private static final Pattern TOKEN = Pattern.compile("(?i)\\[confirm-([a-z2-7]{26})]");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What became of a confirmation.
     *
     * @param retry it could not be sent: the request stays in the inbox, for the next read
     */
    record Sent(Sentence said, boolean retry) {
    }

    private final FeedbackSettings settings;
    private final RelayFactory relays;
    private final FeedbackStore store;
    private final Path outbox;
    private final AddressKeys keys;

    UnsubscribeConfirmation(FeedbackSettings settings, RelayFactory relays, FeedbackStore store, Workspace workspace,
                            AddressKeys keys) {
        this.keys = keys;
        this.settings = settings;
        this.relays = relays;
        this.store = store;
        this.outbox = workspace.outbox().resolve("confirmations");
    }

    /** Asks the member to confirm a request that may not be theirs; nothing is suppressed until they answer. */
    Sent ask(String address, Long runId, String from) {
        Optional<Sentence> tooSoon = tooSoon(address);
        if (tooSoon.isPresent()) {
            return new Sent(Sentence.of("confirm.kept-until-answer", tooSoon.get()), false);
        }
        String token = token();
        String outcome = send(address, from, "Confirmez votre désinscription / Please confirm [confirm-" + token + "]",
                "Bonjour,\n\nQuelqu'un a demandé que l'adresse " + address + " ne reçoive plus la lettre d'information."
                        + "\nSi c'est vous, répondez simplement à ce message, sans changer son objet : la désinscription"
                        + " sera faite dès que votre réponse arrivera.\nSi ce n'est pas vous, ne faites rien : vous"
                        + " continuerez à la recevoir.\n\n"
                        + "Someone asked that " + address + " no longer receive the newsletter. If it was you, just reply"
                        + " to this message without changing its subject. If it was not, do nothing.\n");
        if (outcome != null) {
            return new Sent(Sentence.of("confirm.not-sent", address, outcome), true);
        }
        store.confirmationSent(token, "ASK", address, keys.of(address), runId);
        return new Sent(Sentence.of("confirm.asked", settings.confirmRelay(), VALIDITY.toDays()), false);
    }

    /** Tells the member their request was honoured, when {@code confirm-unsubscribe} is on; null when it is off. */
    Sentence notice(String address, Long runId, String from) {
        if (!settings.confirmUnsubscribe() || from == null) {
            return null;
        }
        Optional<Sentence> tooSoon = tooSoon(address);
        if (tooSoon.isPresent()) {
            return Sentence.of("feedback.address-line", address, tooSoon.get());
        }
        String outcome = send(address, from, "Désinscription confirmée / Unsubscribed", "Bonjour,\n\nVotre adresse "
                + address + " ne recevra plus la lettre d'information.\n\n"
                + "Your address " + address + " will not receive the newsletter any more.\n");
        if (outcome != null) {
            return Sentence.of("confirm.notice-not-sent", address, outcome);
        }
        store.confirmationSent(token(), "NOTICE", address, keys.of(address), runId);
        return Sentence.of("confirm.notice-sent", address, settings.confirmRelay());
    }

    /** The confirmation a message answers: a token of Bulletin's in its subject. */
    Optional<String> tokenIn(String subject) {
        Matcher matcher = subject == null ? null : TOKEN.matcher(subject);
        return matcher != null && matcher.find() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Said when this address was mailed about a request less than a day ago: nothing is sent then. */
    private Optional<Sentence> tooSoon(String address) {
        Optional<Instant> last = store.lastConfirmationTo(keys.of(address));
        if (last.isPresent() && last.get().isAfter(Instant.now().minus(ONE_A_DAY))) {
            return Optional.of(Sentence.of("confirm.too-soon", address,
                    last.get().toString().substring(0, 16).replace('T', ' ')));
        }
        return Optional.empty();
    }

    /** @return null when the relay took the message, else why not */
    private String send(String address, String from, String subject, String text) {
        // RFC 3834: auto-replied, so that no auto-reply answers it.
        return new PlainMail(from, List.of(address), subject, text, "auto-replied", null)
                .send(relays, settings.confirmRelay(), outbox);
    }

    /** 130 random bits, in the letters and digits of base32: short enough for a subject, never guessed. */
    private static String token() {
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder token = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        for (int i = 0; i < 26; i++) {
            token.append(alphabet.charAt(value.intValue() & 31));
            value = value.shiftRight(5);
        }
        return token.toString();
    }
}
