package bulletin.feedback;

import bulletin.ledger.LedgerFeedback;
import bulletin.relay.RelayFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What Mailjet's list of a campaign's messages says of a run's in-doubt recipients. Mailjet lists
 * one message per recipient of each SMTP message it received, with the message's custom id: a
 * recipient listed under its message's id was received ({@code received}, with Mailjet's words);
 * one still not listed once {@code settle} has passed since its answer was lost never was
 * ({@code neverReceived}); a younger one is left in doubt for a later read ({@code waiting}).
 */
record InDoubtVerdicts(Map<Integer, String> received, List<Integer> neverReceived, int waiting) {

    /** @param keyOf the ledger's address key (audience.AddressKeys), by which Mailjet's spelling meets the row's */
    static InDoubtVerdicts of(long runId, List<LedgerFeedback.InDoubt> rows, List<MailjetApi.Message> listed,
                              Function<String, String> keyOf, Instant now, Duration settle) {
        Map<String, MailjetApi.Message> byRecipient = new HashMap<>();
        for (MailjetApi.Message message : listed) {
            if (message.address() != null && !message.address().isBlank()) {
                byRecipient.putIfAbsent(key(message.customId(), keyOf.apply(message.address())), message);
            }
        }
        Map<Integer, String> received = new LinkedHashMap<>();
        List<Integer> neverReceived = new ArrayList<>();
        int waiting = 0;
        for (LedgerFeedback.InDoubt row : rows) {
            MailjetApi.Message message = byRecipient.get(key(RelayFactory.mailjetCustomId(runId, row.messageNo()),
                    row.addressKey()));
            if (message != null) {
                received.put(row.seq(), "confirmed by Mailjet: its message " + message.id() + " (" + message.status()
                        + ") for this address");
            } else if (!row.since().plus(settle).isAfter(now)) {
                neverReceived.add(row.seq());
            } else {
                waiting++;
            }
        }
        return new InDoubtVerdicts(received, neverReceived, waiting);
    }

    private static String key(String customId, String addressKey) {
        return customId + " " + addressKey;
    }
}
