package bulletin.feedback;

import bulletin.audience.AddressNormalizer;
import bulletin.audience.SuppressionList;
import bulletin.ledger.CampaignProblems;
import bulletin.ledger.LedgerFeedback;
import bulletin.text.Sentence;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a piece of feedback does, the same wherever it came from (a bounce in the mailbox, a
 * relay's refusal during a send, Mailjet's events). A delivery failure is judged by what it says
 * about the address ({@link FailureClass}): a dead address is suppressed and its row marked
 * BOUNCED; a problem of the member's mailbox is counted and suppresses once it comes from
 * {@code bulletin.feedback.soft-bounce-limit} runs; a problem of the sender or the message never
 * touches the member and is reported as the campaign's. A request or a complaint suppresses at
 * once. Every suppression says why, when and from which run.
 */
@Component
public class FeedbackActions {

    /**
     * What was done for one address, in words for the report.
     *
     * @param campaignProblem the failure was the sender's or the message's (a blocklisted IP, DMARC, a filter):
     *                        the member is kept, and the operator must hear of it
     */
    public record Done(String address, Sentence said, boolean suppressed, boolean campaignProblem) {
        public Done(String address, Sentence said, boolean suppressed) {
            this(address, said, suppressed, false);
        }

        /** In English, as the log file says it. */
        public String what() {
            return said.english();
        }
    }

    private final SuppressionList suppressions;
    private final LedgerFeedback ledger;
    private final FeedbackStore store;
    private final FeedbackSettings settings;
    private final CampaignProblems problems;

    FeedbackActions(SuppressionList suppressions, LedgerFeedback ledger, FeedbackStore store, FeedbackSettings settings,
                    CampaignProblems problems) {
        this.suppressions = suppressions;
        this.ledger = ledger;
        this.store = store;
        this.settings = settings;
        this.problems = problems;
    }

    /** The address as the ledger keys it (the suppression list's key), or empty when it is not an address at all. */
    Optional<String> key(String address) {
        return new AddressNormalizer(true).normalize(address) instanceof AddressNormalizer.Valid valid
                ? Optional.of(suppressions.key(valid.address())) : Optional.empty();
    }

    /** The latest run that mailed this address (see {@link LedgerFeedback#runThatMailed}), empty when Bulletin never did. */
    public Optional<Long> runThatMailed(String address) {
        return key(address).flatMap(ledger::runThatMailed);
    }

    /** The run that sent this address the message with this Message-ID (see {@link LedgerFeedback#runThatSent}). */
    public Optional<Long> runThatSent(String address, String messageId) {
        return key(address).flatMap(key -> ledger.runThatSent(key, messageId));
    }

    /**
     * A delivery failure as a bounce reports it, judged by what it says about the address.
     *
     * @param finalFailure the reporting server gave up (a DSN's "failed"): false for a delay, never a dead address
     * @param sourceKey names this failure for good (a message key), so that a counted one counts once
     * @param source    where it came from, e.g. "mailbox 'mailbox'"
     */
    public Done failure(String address, long runId, String status, String words, boolean finalFailure, String sourceKey,
                        String source) {
        FailureClass kind = FailureClass.of(status, words, finalFailure);
        if (kind == FailureClass.ADDRESS_DEAD) {
            return permanentFailure(address, runId, status, words, source);
        }
        if (kind == FailureClass.SENDER_SIDE) {
            return senderSide(address, runId, status, words);
        }
        return temporaryFailure(address, runId, status, words, sourceKey, source);
    }

    /** Refused because of the sender or the message: the member is kept and nothing is counted against them. */
    Done senderSide(String address, long runId, String status, String words) {
        problems.refused(runId, address, status + (words == null || words.isBlank() ? "" : " " + words));
        return new Done(address, Sentence.of("feedback.sender-side", status
                + (words == null || words.isBlank() ? "" : ": " + words), runId), false, true);
    }

    /**
     * @param source where it came from, e.g. "mailbox 'mailbox'"
     */
    public Done permanentFailure(String address, long runId, String status, String words, String source) {
        String key = key(address).orElse(address);
        ledger.markBounced(runId, key, status + (words == null ? "" : " " + words));
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BOUNCED,
                status + " on " + today() + " after run " + runId + (words == null ? "" : ": " + words), runId, source);
        return new Done(address, Sentence.of("feedback.bounced", status, runId, suppressed(added)), added);
    }

    /**
     * A failure of the member's mailbox (full, disabled, expired in queue): counted, and
     * suppresses only once such failures come from {@code soft-bounce-limit} runs.
     *
     * @param sourceKey names this failure for good (a message key, a Mailjet event), so that it counts once
     */
    public Done temporaryFailure(String address, Long runId, String status, String words, String sourceKey,
                                 String source) {
        return counted(address, runId, status, words, sourceKey, source, runId == null
                ? Sentence.of("feedback.temporary", status) : Sentence.of("feedback.temporary-run", status, runId));
    }

    /**
     * A bounce that quotes none of the messages Bulletin sent: anyone can write one, so whatever it
     * says, it never suppresses on its own. It is counted as a temporary failure is (it takes
     * bounces from {@code soft-bounce-limit} runs); the sender's problems are the campaign's as ever.
     */
    public Done unverifiedFailure(String address, long runId, String status, String words, boolean finalFailure,
                                  String sourceKey, String source) {
        if (FailureClass.of(status, words, finalFailure) == FailureClass.SENDER_SIDE) {
            return senderSide(address, runId, status, words);
        }
        return counted(address, runId, status, words, sourceKey, source, Sentence.of("feedback.unverified", status, runId));
    }

    private Done counted(String address, Long runId, String status, String words, String sourceKey, String source,
                         Sentence failure) {
        String key = key(address).orElse(address);
        int runs = store.countSoftBounce(suppressions.key(address), sourceKey, runId, status, words);
        if (runs < settings.softBounceLimit()) {
            return new Done(address, Sentence.of("feedback.counted", failure, runs, settings.softBounceLimit()), false);
        }
        if (runId != null) {
            ledger.markBounced(runId, key, status + (words == null ? "" : " " + words));
        }
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BOUNCED, runs
                + " temporary failures across runs (bulletin.feedback.soft-bounce-limit), the last " + status + " on "
                + today() + (runId == null ? "" : " after run " + runId) + (words == null ? "" : ": " + words), runId, source);
        return new Done(address, Sentence.of("feedback.counted-enough", failure, runs, suppressed(added)), added);
    }

    /**
     * A relay refused an address at RCPT during a send (the row is REFUSED already), judged as a
     * bounce is: a dead address ("550 5.1.1 no such user") is suppressed; the sender's or the
     * message's problem (a blocklisted IP, DMARC, a rate limit) never touches the member; another
     * 5xx is counted like a temporary failure, once per run.
     */
    public Done refusedBySendingRelay(String address, long runId, String reply, String relay) {
        String words = reply == null ? "" : reply.strip();
        String source = "relay '" + relay + "'";
        if (!words.startsWith("5")) {
            return new Done(address, Sentence.of("feedback.refused-kept", words), false);
        }
        String status = words.length() >= 3 ? words.substring(0, 3) : words;
        FailureClass kind = FailureClass.of(status, words);
        if (kind == FailureClass.SENDER_SIDE) {
            return senderSide(address, runId, status, words);
        }
        if (kind == FailureClass.ADDRESS_DEAD) {
            boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BOUNCED, "refused at RCPT by relay '"
                    + relay + "' on " + today() + " in run " + runId + ": " + words, runId, source);
            return new Done(address, Sentence.of("feedback.no-such-user", words, suppressed(added)), added);
        }
        return temporaryFailure(address, runId, status, words, "run " + runId + " refusal", source);
    }

    public Done unsubscribed(String address, Long runId, Sentence how, String source) {
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.UNSUBSCRIBED,
                how.english() + " on " + today(), runId, source);
        return new Done(address, Sentence.of("feedback.how", how, suppressed(added)), added);
    }

    public Done complained(String address, Long runId, String source) {
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.COMPLAINED,
                "marked the newsletter as spam on " + today() + (runId == null ? "" : " (run " + runId + ")"), runId, source);
        return new Done(address, Sentence.of("feedback.complained", suppressed(added)), added);
    }

    public Done blocked(String address, Long runId, String words, String source) {
        boolean added = suppressions.addIfAbsent(address, SuppressionList.Reason.BLOCKED,
                "blocked by the relay on " + today() + (runId == null ? "" : " (run " + runId + ")")
                        + (words == null ? "" : ": " + words), runId, source);
        return new Done(address, Sentence.of("feedback.blocked", suppressed(added)), added);
    }

    private static Sentence suppressed(boolean added) {
        return Sentence.of(added ? "feedback.suppressed-now" : "feedback.suppressed-already");
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
