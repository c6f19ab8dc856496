package bulletin.feedback;

import bulletin.audience.AddressNormalizer;
import bulletin.audience.SuppressionList;
import bulletin.ledger.LedgerFeedback;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a piece of feedback does, the same wherever it came from (a bounce in the mailbox, a
 * relay's refusal during a send, Mailjet's events): a permanent failure suppresses the address
 * and marks its row BOUNCED; temporary ones are counted and suppress once they come from
 * {@code bulletin.feedback.soft-bounce-limit} runs; a request or a complaint suppresses at once.
 * Every suppression says why, when and from which run.
 */
@Component
public class FeedbackActions {

    /** What was done for one address, in words for the report. */
    public record Done(String address, String what, boolean suppressed) {
    }

    private final SuppressionList suppressions;
    private final LedgerFeedback ledger;
    private final FeedbackStore store;
    private final FeedbackSettings settings;

    FeedbackActions(SuppressionList suppressions, LedgerFeedback ledger, FeedbackStore store, FeedbackSettings settings) {
        this.suppressions = suppressions;
        this.ledger = ledger;
        this.store = store;
        this.settings = settings;
    }

    /** The address as the ledger keys it, or empty when it is not an address at all. */
    static Optional<String> key(String address) {
        return new AddressNormalizer(true).normalize(address) instanceof AddressNormalizer.Valid valid
                ? Optional.of(valid.key()) : Optional.empty();
    }

    /** The run that mailed this address (see {@link LedgerFeedback#runThatMailed}), empty when Bulletin never did. */
    public Optional<Long> runThatMailed(String address, String quotedMessageId) {
        return key(address).flatMap(key -> ledger.runThatMailed(key, quotedMessageId));
    }

    /**
     * @param source where it came from, e.g. "mailbox 'mailbox'"
     */
    public Done permanentFailure(String address, long runId, String status, String words, String source) {
        String key = key(address).orElse(address);
        ledger.markBounced(runId, key, status + (words == null ? "" : " " + words));
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BOUNCED,
                status + " on " + today() + " after run " + runId + (words == null ? "" : ": " + words), runId, source);
        return new Done(address, "bounced for good (" + status + ", run " + runId + ")"
                + (added ? ": suppressed" : ": was suppressed already"), added);
    }

    /**
     * @param sourceKey names this failure for good (a message key, a Mailjet event), so that it counts once
     */
    public Done temporaryFailure(String address, Long runId, String status, String words, String sourceKey,
                                 String source) {
        String key = key(address).orElse(address);
        int runs = store.countSoftBounce(SuppressionList.key(address), sourceKey, runId, status, words);
        String failure = "temporary failure (" + status + (runId == null ? "" : ", run " + runId) + ")";
        if (runs < settings.softBounceLimit()) {
            return new Done(address, failure + ", " + runs + " of " + settings.softBounceLimit() + " before suppression",
                    false);
        }
        if (runId != null) {
            ledger.markBounced(runId, key, status + (words == null ? "" : " " + words));
        }
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BOUNCED, runs
                + " temporary failures across runs (bulletin.feedback.soft-bounce-limit), the last " + status + " on "
                + today() + (runId == null ? "" : " after run " + runId) + (words == null ? "" : ": " + words), runId, source);
        return new Done(address, failure + ", from " + runs + " runs now" + (added ? ": suppressed" : ": was suppressed already"),
                added);
    }

    /** "550 5.1.1", "550 5.1.10", "550-5.1.1": the relay says the mailbox does not exist. */
    private static final java.util.regex.Pattern NO_SUCH_USER =
            java.util.regex.Pattern.compile("^5\\d\\d[ -]5\\.1\\.(1|10)\\b");

    /**
     * A relay refused an address at RCPT during a send (the row is REFUSED already): "no such
     * user" (5.1.1, 5.1.10) suppresses it like a permanent bounce; another 5xx is counted like a
     * temporary failure, once per run.
     */
    public Done refusedBySendingRelay(String address, long runId, String reply, String relay) {
        String words = reply == null ? "" : reply.strip();
        String source = "relay '" + relay + "'";
        if (NO_SUCH_USER.matcher(words).find()) {
            boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BOUNCED, "refused at RCPT by relay '"
                    + relay + "' on " + today() + " in run " + runId + ": " + words, runId, source);
            return new Done(address, "no such user (" + words + ")" + (added ? ": suppressed" : ": was suppressed already"),
                    added);
        }
        if (words.startsWith("5")) {
            return temporaryFailure(address, runId, words.length() >= 3 ? words.substring(0, 3) : words, words,
                    "run " + runId + " refusal", source);
        }
        return new Done(address, "refused (" + words + "): not a reason to suppress", false);
    }

    public Done unsubscribed(String address, Long runId, String how, String source) {
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.UNSUBSCRIBED,
                how + " on " + today(), runId, source);
        return new Done(address, how + (added ? ": suppressed" : ": was suppressed already"), added);
    }

    public Done complained(String address, Long runId, String source) {
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.COMPLAINED,
                "marked the newsletter as spam on " + today() + (runId == null ? "" : " (run " + runId + ")"), runId, source);
        return new Done(address, "spam complaint" + (added ? ": suppressed" : ": was suppressed already"), added);
    }

    public Done blocked(String address, Long runId, String words, String source) {
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BLOCKED,
                "blocked by the relay on " + today() + (runId == null ? "" : " (run " + runId + ")")
                        + (words == null ? "" : ": " + words), runId, source);
        return new Done(address, "blocked by the relay" + (added ? ": suppressed" : ": was suppressed already"), added);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
