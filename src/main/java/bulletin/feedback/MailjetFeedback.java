package bulletin.feedback;

import bulletin.audience.AddressKeys;
import bulletin.ledger.LedgerFeedback;
import bulletin.ledger.RunRecord;
import bulletin.relay.RelayFactory;
import bulletin.text.Sentence;
import bulletin.text.Spoken;
import bulletin.text.TerminalWords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Mailjet knows of the runs it relayed: through a Mailjet relay, the envelope sender is
 * Mailjet's, so bounces never reach the mailbox; Mailjet keeps them, with spam complaints,
 * unsubscribes and blocks, and serves them through its REST API. Each run sent through a Mailjet
 * relay within {@code bulletin.feedback.mailjet-lookback} is read; each event counts once.
 */
@Service
public class MailjetFeedback {

    private static final Logger log = LoggerFactory.getLogger(MailjetFeedback.class);

    private final RelayFactory relays;
    private final LedgerFeedback ledger;
    private final FeedbackActions actions;
    private final FeedbackStore store;
    private final FeedbackSettings settings;
    private final TransactionTemplate transaction;
    private final AddressKeys keys;

    MailjetFeedback(RelayFactory relays, LedgerFeedback ledger, FeedbackActions actions, FeedbackStore store,
                    FeedbackSettings settings, PlatformTransactionManager transactions, AddressKeys keys) {
        this.keys = keys;
        this.relays = relays;
        this.ledger = ledger;
        this.actions = actions;
        this.store = store;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** One report per Mailjet relay that relayed a recent run; none when there is no such run. */
    public List<FeedbackReport> pull(boolean dryRun) {
        List<FeedbackReport> reports = new ArrayList<>();
        Instant since = Instant.now().minus(settings.mailjetLookback());
        for (Map.Entry<String, RelayFactory.MailjetAccount> account : relays.mailjetAccounts().entrySet()) {
            List<RunRecord> runs = ledger.runsThrough(List.of(account.getKey()), since);
            if (runs.isEmpty()) {
                continue;
            }
            FeedbackReport report = new FeedbackReport("Mailjet (relay '" + account.getKey() + "')", dryRun);
            try {
                MailjetApi api = new MailjetApi(settings.mailjetApi(), account.getValue(), settings.mailjetRetryWait(),
                        settings.mailjetTimeout());
                for (RunRecord run : runs) {
                    pull(api, run, report, dryRun);
                }
            } catch (MailjetApi.MailjetException e) {
                log.warn(TerminalWords.key("log.mailjet-failed"), "Mailjet (relay '{}'): {}", account.getKey(), Spoken.of(e));
                report.failed(Spoken.of(e));
            }
            reports.add(report);
        }
        return reports;
    }

    private void pull(MailjetApi api, RunRecord run, FeedbackReport report, boolean dryRun) {
        String campaign = RelayFactory.mailjetCampaign(run.campaign() + " " + run.period());
        var campaignId = api.campaignId(campaign);
        if (campaignId.isEmpty()) {
            log.info(TerminalWords.key("log.mailjet-no-campaign"), "Mailjet has no campaign '{}' (run {}) yet", campaign,
                    run.runId());
            report.note(settle(run.runId(), List.of(), dryRun).sentence(run.runId(), false));
            return;
        }
        String source = "mailjet";
        int applied = 0;
        List<MailjetApi.Message> messages = api.messages(campaignId.get());
        // Settled first: a message Mailjet received and then bounced is SENT, then BOUNCED by its event.
        report.note(settle(run.runId(), messages, dryRun).sentence(run.runId(), false));
        for (MailjetApi.Message message : messages) {
            if (!message.customId().isEmpty() && !message.customId().startsWith("run" + run.runId() + "-")) {
                continue; // another run's message in a campaign of the same name
            }
            Event event = Event.of(message);
            if (event == null || message.address().isBlank()) {
                continue;
            }
            if (dryRun) {
                report.wouldApply(Sentence.of("mailjet.would-apply", message.address(), Sentence.of("mailjet.event." + event.name()),
                        run.runId()));
                continue;
            }
            List<FeedbackActions.Done> done = transaction.execute(status -> {
                if (!store.firstTime(message.id(), message.status(), run.runId(), message.address())) {
                    return List.<FeedbackActions.Done>of();
                }
                return List.of(event.apply(actions, message, run.runId(), source));
            });
            if (!done.isEmpty()) {
                applied++;
                report.applied(done);
            }
        }
        if (!dryRun) {
            store.pulled(run.runId(), campaignId.get(), applied);
        }
    }

    /** What asking Mailjet about a run's in-doubt recipients settled, or why it could not be asked. */
    public record Settled(int confirmed, int reopened, int waiting, Sentence problem, boolean dryRun) {

        static final Settled NOTHING = new Settled(0, 0, 0, null, false);

        /** Recipients made PENDING again, for a restart to send. */
        public int reopenedForSending() {
            return dryRun ? 0 : reopened;
        }

        /**
         * One sentence for the operator, or null when there was nothing in doubt.
         *
         * @param restarting said by {@code restart}, which sends the re-opened ones itself
         */
        public Sentence sentence(long runId, boolean restarting) {
            if (problem != null) {
                return Sentence.of("mailjet.unreachable", runId, waiting, problem);
            }
            Sentence parts = null;
            if (confirmed > 0) {
                parts = Sentence.of(dryRun ? "mailjet.confirmed-dry" : "mailjet.confirmed", confirmed);
            }
            if (reopened > 0) {
                parts = Sentence.then(parts, dryRun ? Sentence.of("mailjet.reopened-dry", reopened)
                        : Sentence.of(restarting ? "mailjet.reopened-now" : "mailjet.reopened", reopened, runId));
            }
            if (waiting > 0) {
                parts = Sentence.then(parts, Sentence.of("mailjet.waiting", waiting));
            }
            return parts == null ? null : Sentence.of("mailjet.in-doubt", runId, parts);
        }
    }

    /**
     * Asks Mailjet about the in-doubt recipients of a run sent through a Mailjet relay (for
     * {@code restart}, before it resumes): the ones Mailjet received become SENT, the ones it
     * never received PENDING again. Nothing for a run through another relay; Mailjet's API
     * unreachable or broken leaves them in doubt, with why (for the caller to say, once).
     */
    public Settled settleInDoubt(RunRecord run) {
        RelayFactory.MailjetAccount account = relays.mailjetAccounts().get(run.relay());
        List<LedgerFeedback.InDoubt> rows = account == null ? List.of() : ledger.inDoubt(run.runId());
        if (rows.isEmpty()) {
            return Settled.NOTHING;
        }
        try {
            MailjetApi api = new MailjetApi(settings.mailjetApi(), account, settings.mailjetRetryWait(),
                    settings.mailjetTimeout());
            var campaignId = api.campaignId(RelayFactory.mailjetCampaign(run.campaign() + " " + run.period()));
            return settle(run.runId(), rows, campaignId.isEmpty() ? List.of() : api.messages(campaignId.get()), false);
        } catch (MailjetApi.MailjetException e) {
            log.debug("Mailjet (relay '{}') could not be asked about run {}", run.relay(), run.runId(), e);
            return new Settled(0, 0, rows.size(), Spoken.of(e), false);
        }
    }

    private Settled settle(long runId, List<MailjetApi.Message> listed, boolean dryRun) {
        return settle(runId, ledger.inDoubt(runId), listed, dryRun);
    }

    private Settled settle(long runId, List<LedgerFeedback.InDoubt> rows, List<MailjetApi.Message> listed, boolean dryRun) {
        if (rows.isEmpty()) {
            return Settled.NOTHING;
        }
        InDoubtVerdicts verdicts = InDoubtVerdicts.of(runId, rows, listed, keys::of, Instant.now(), settings.mailjetSettle());
        if (!dryRun) {
            transaction.executeWithoutResult(status -> {
                ledger.confirmSent(runId, verdicts.received());
                ledger.neverReceived(runId, verdicts.neverReceived(), "in doubt (its answer was lost), and Mailjet never"
                        + " received its message: to be sent again");
            });
        }
        return new Settled(verdicts.received().size(), verdicts.neverReceived().size(), verdicts.waiting(), null, dryRun);
    }

    /**
     * What a Mailjet event means for the list, judged as a bounce is: by what Mailjet's state
     * (its {@code StateID}) says about the address. A dead address is suppressed, a full or
     * inactive mailbox is counted, and the sender's problems (blocked sender, content, policy,
     * a template error) never touch the member: they are the campaign's. An address Mailjet
     * refuses to send to (preblocked, excluded) is suppressed as BLOCKED; a duplicate in the
     * campaign means nothing; a state Bulletin does not know is counted, never acted on alone.
     */
    enum Event {
        DEAD, TEMPORARY, SENDER_SIDE, SPAM, UNSUBSCRIBE, BLOCKED;

        /** Mailjet's message states (the StateID of its message resource). */
        private static final String[] STATES = {"", "user unknown", "mailbox inactive", "quota exceeded",
            "invalid domain", "no mail host", "relay or access denied", "sender blocked", "content blocked",
            "policy issue", "system issue", "protocol issue", "connection issue", "greylisted", "preblocked",
            "duplicate in campaign", "spam preblocked", "bad or empty template", "error in template language",
            "typo fix", "blacklisted", "spam reporter"};

        static Event of(MailjetApi.Message message) {
            return switch (message.status()) {
                case "hardbounced", "bounce", "softbounced", "blocked" -> byState(message.stateId());
                case "spam" -> SPAM;
                case "unsub" -> UNSUBSCRIBE;
                default -> null; // sent, opened, clicked, queued, deferred...: nothing to do
            };
        }

        static Event byState(int stateId) {
            return switch (stateId) {
                case 1, 4, 5, 19 -> DEAD;
                case 6, 7, 8, 9, 17, 18 -> SENDER_SIDE;
                case 14, 16, 20 -> BLOCKED;
                case 21 -> SPAM;
                case 15 -> null;
                default -> TEMPORARY; // 2, 3, 10-13, and a state Mailjet may add: keep the member, count it
            };
        }

        static String state(int stateId) {
            return stateId > 0 && stateId < STATES.length ? STATES[stateId] : "state " + stateId;
        }

        FeedbackActions.Done apply(FeedbackActions actions, MailjetApi.Message message, long runId, String source) {
            String words = "Mailjet: " + message.status() + " (state " + message.stateId() + ": "
                    + state(message.stateId()) + ")";
            String status = "Mailjet " + state(message.stateId());
            return switch (this) {
                case DEAD -> actions.permanentFailure(message.address(), runId, status, words, source);
                case TEMPORARY -> actions.temporaryFailure(message.address(), runId, status, words,
                        "mailjet message " + message.id(), source);
                case SENDER_SIDE -> actions.senderSide(message.address(), runId, status, words);
                case SPAM -> actions.complained(message.address(), runId, source);
                case UNSUBSCRIBE -> actions.unsubscribed(message.address(), runId, Sentence.of("mailjet.unsubscribed"), source);
                case BLOCKED -> actions.blocked(message.address(), runId, words, source);
            };
        }
    }
}
