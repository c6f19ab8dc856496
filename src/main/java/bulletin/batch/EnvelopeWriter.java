package bulletin.batch;

import bulletin.audit.DeliveryStatus;
import bulletin.audit.Ledger;
import bulletin.audit.LedgerEntry;
import bulletin.audit.RunRecord;
import bulletin.campaign.Campaign;
import bulletin.campaign.Locality;
import bulletin.campaign.Workspace;
import bulletin.message.Letter;
import bulletin.message.MessageComposer;
import bulletin.relay.DeliveryReport;
import bulletin.relay.RecipientOutcome;
import bulletin.relay.ParallelRelays;
import bulletin.relay.RelayException;
import bulletin.relay.RelayFactory;
import bulletin.relay.RelayProfile;
import bulletin.relay.Throttle;
import bulletin.stop.OperatorStop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Sends one message per envelope through the run's relay, over connections it keeps open across
 * the step (one per {@code bulletin.relays.NAME.connections}, used in parallel). For each round:
 * its rows are committed as SENDING, the messages are handed to the relay, and each address's
 * answer is recorded in the chunk's transaction.
 * Delivery is never retried by Spring Batch (that would re-send whole chunks): a message that
 * certainly did not leave goes back to PENDING; one whose answer was lost is IN_DOUBT at once and
 * the run goes on, unless several answers in a row are lost.
 */
class EnvelopeWriter implements ItemStreamWriter<Round>, StepExecutionListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EnvelopeWriter.class);

    private final Ledger ledger;
    private final RelayFactory relayFactory;
    private final Workspace workspace;
    private final MessageComposer composer;
    private long runId;
    private long executionId;
    private RunRecord run;
    private RunLetters letters;
    private boolean mailjet;
    private String senderDomain;
    private ParallelRelays relays;
    private int chunkNo;
    private StepExecution stepExecution;
    private Throttle throttle;
    private long tried;
    private long notSent;
    private int lostInARow;
    private long toSend;
    private long inDoubt;

    private final SendSettings settings;
    private final SendProgress progress;
    private final OperatorStop operatorStop;
    private final Locality locality;
    /** The envelopes of the round being handed to the relay, for a forced quit. */
    private volatile List<Envelope> inFlight = List.of();

    EnvelopeWriter(Ledger ledger, RelayFactory relays, Workspace workspace, Locality locality, SendSettings settings,
                   SendProgress progress, OperatorStop operatorStop) {
        this.locality = locality;
        this.composer = new MessageComposer(locality.timeZone());
        this.progress = progress;
        this.operatorStop = operatorStop;
        this.ledger = ledger;
        this.relayFactory = relays;
        this.workspace = workspace;
        this.settings = settings;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        runId = Runs.idOf(stepExecution.getJobExecution());
        executionId = stepExecution.getJobExecution().getId();
    }

    @Override
    public void open(ExecutionContext context) {
        run = ledger.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        letters = new RunLetters(run, workspace.templates());
        mailjet = relayFactory.isMailjet(run.relay());
        senderDomain = MessageComposer.senderDomain(run.sender());
        relays = relayFactory.openPool(run.relay(), envelopeFrom(run.sender()),
                workspace.outbox().resolve(Campaign.fileName(run.campaign())).resolve(run.period()));
        chunkNo = ledger.nextChunkNumber(runId);
        long toSend = ledger.countPending(runId);
        log.info("Run {}: sending to {} recipients through {}", runId, toSend, relays.description());
        RelayProfile.Budget budget = relayFactory.budget(run.relay());
        throttle = budget == null ? null : new Throttle(run.relay(), budget,
                budget.recipientsPerHour() > 0 || budget.recipientsPerDay() > 0
                        ? ledger.takenPerMinute(run.relay(), Instant.now().minus(Duration.ofDays(1))) : Map.of(),
                Clock.systemUTC());
        this.toSend = toSend;
        progress.started(runId, toSend);
        operatorStop.sendStarted(this::forcedQuit);
    }

    @Override
    public void write(Chunk<? extends Round> chunk) {
        for (Round round : chunk) {
            send(round);
        }
    }

    /**
     * Waits for the relay's budget when the wait is short; otherwise asks the step to stop at
     * this chunk's end (STOPPED, restartable), leaving the envelope's recipients PENDING.
     */
    private boolean withinBudget(int recipients) {
        if (throttle == null) {
            return true;
        }
        Throttle.Decision decision = throttle.before(recipients);
        if (decision instanceof Throttle.Wait wait) {
            try {
                if (!operatorStop.pause(wait.duration())) {
                    stopAtThisRound(operatorStopReason(), null);
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
        if (decision instanceof Throttle.Stop stop) {
            String reason = stop.budget() + " is spent until " + locality.show(stop.resumeAt())
                    + "; run the same command again after that time to resume";
            log.warn("Run {}: {}", runId, reason);
            stopAtThisRound(reason, stop.resumeAt());
            return false;
        }
        return true;
    }

    /**
     * The step ends STOPPED (restartable) once this round is recorded; the reason is what the
     * summary says, and {@code resumeAt} (a budget's) when it may go on, null for the operator's stop.
     */
    private void stopAtThisRound(String reason, Instant resumeAt) {
        ExecutionContext job = stepExecution.getJobExecution().getExecutionContext();
        job.putString(NewsletterLauncher.STOP_REASON, reason);
        if (resumeAt == null) {
            job.remove(NewsletterLauncher.RESUME_AT); // a restart carries the context of the attempt before
        } else {
            job.putLong(NewsletterLauncher.RESUME_AT, resumeAt.toEpochMilli());
        }
        stepExecution.setTerminateOnly();
    }

    private String operatorStopReason() {
        return "stopped by " + operatorStop.signal().name() + " after " + (tried + inDoubt) + " of " + toSend
                + " recipients; the messages in flight were finished";
    }

    /**
     * The operator quits at once (a second Ctrl-C, or a relay silent past the grace time): the
     * messages of the round that never reached the end of their data go back to PENDING; the
     * others stay SENDING, to be found IN_DOUBT by the next run.
     */
    private void forcedQuit() {
        List<Envelope> round = inFlight;
        for (int i = 0; i < round.size(); i++) {
            if (!relays.mayHaveLeft(i)) {
                ledger.revertToPending(runId, round.get(i).seqs());
            }
        }
    }

    /**
     * One round: each envelope's rows committed as SENDING, the messages handed to the relay's
     * connections at once, then every address's answer recorded in the chunk's transaction.
     */
    private void send(Round round) {
        if (operatorStop.requested()) {
            stopAtThisRound(operatorStopReason(), null);
            return;
        }
        List<Envelope> admitted = new ArrayList<>();
        List<ParallelRelays.Outgoing> outgoing = new ArrayList<>();
        List<Ledger.Sending> sending = new ArrayList<>();
        for (Envelope envelope : round.envelopes()) {
            if (!withinBudget(envelope.recipients().size())) {
                break;
            }
            throttleReserve(envelope.recipients().size());
            int number = chunkNo++;
            // run.chunk.execution.random: sorts in sending order, and names the chunk in bounces.
            String messageId = String.format("<%d.%06d.%d.%s@%s>", runId, number, executionId, UUID.randomUUID(), senderDomain);
            Letter letter = letters.personal() ? letters.personal(envelope.recipients().get(0)) : letters.bcc();
            MimeMessage message = composer.compose(relays.session(admitted.size()), letter, messageId, relayHeaders(number));
            admitted.add(envelope);
            outgoing.add(new ParallelRelays.Outgoing(message, envelope.addresses()));
            sending.add(new Ledger.Sending(envelope.seqs(), number, messageId));
        }
        if (admitted.isEmpty()) {
            return;
        }
        ledger.markSending(runId, executionId, sending);
        inFlight = admitted;
        List<ParallelRelays.Attempt> attempts = relays.send(outgoing);
        inFlight = List.of();

        List<Ledger.Outcome> outcomes = new ArrayList<>();
        RelayException failure = null;
        for (int i = 0; i < admitted.size(); i++) {
            Envelope envelope = admitted.get(i);
            ParallelRelays.Attempt attempt = attempts.get(i);
            if (attempt.failure() == null) {
                lostInARow = 0;
                outcomes.addAll(outcomesOf(envelope, attempt.report()));
            } else if (attempt.failure().mayHaveLeft()) {
                failure = worse(failure, lostAnswer(envelope, sending.get(i).chunkNo(), attempt.failure()));
            } else {
                ledger.revertToPending(runId, envelope.seqs());
                failure = worse(failure, attempt.failure());
            }
        }
        count(outcomes);
        if (failure == null && overFailureRate()) {
            failure = new RelayException(notSent + " of the " + tried + " recipients tried were refused or failed, over "
                    + Math.round(settings.maxFailureRate() * 100) + "% (bulletin.send.max-failure-rate): the run stops "
                    + "here; see the audit for the relay's replies, then run the same command again to go on", false, null);
        }
        progress.advanced(tried + inDoubt, notSent + inDoubt); // in doubt: handled, not known to be sent
        if (failure != null) {
            // The exception rolls the chunk's transaction back: the answers received must stand on their own.
            ledger.recordOutcomesNow(runId, outcomes);
            throw failure;
        }
        ledger.recordOutcomes(runId, outcomes);
    }

    /**
     * The relay may have taken this message and its answer is lost: its recipients are in doubt at
     * once, and the run goes on over a fresh connection (the relay closed the broken one). Only
     * when several answers in a row are lost is the relay taken for gone: then the run stops.
     */
    private RelayException lostAnswer(Envelope envelope, int chunk, RelayException lost) {
        ledger.markInDoubtNow(runId, envelope.seqs(), lost.getMessage());
        inDoubt += envelope.recipients().size();
        lostInARow++;
        log.warn("Run {}: the answer to message {} was lost; its {} recipients are IN_DOUBT, the run goes on over a new"
                + " connection", runId, chunk, envelope.recipients().size());
        if (lostInARow < settings.lostAnswersInARow()) {
            return null;
        }
        return new RelayException("the answers to " + lostInARow + " messages in a row were lost (the last: "
                + lost.getMessage() + "); the relay seems gone, so the run stops here", false, lost);
    }

    private static List<Ledger.Outcome> outcomesOf(Envelope envelope, DeliveryReport report) {
        List<Ledger.Outcome> outcomes = new ArrayList<>(envelope.recipients().size());
        for (LedgerEntry entry : envelope.recipients()) {
            RecipientOutcome outcome = report.outcome(entry.address());
            if (outcome == null) {
                outcomes.add(new Ledger.Outcome(entry.seq(), DeliveryStatus.FAILED, "the relay gave no answer for this address"));
            } else {
                outcomes.add(new Ledger.Outcome(entry.seq(), statusOf(outcome), outcome.reply()));
            }
        }
        return outcomes;
    }

    private void count(List<Ledger.Outcome> outcomes) {
        for (Ledger.Outcome outcome : outcomes) {
            tried++;
            if (outcome.status() != DeliveryStatus.SENT) {
                notSent++;
            }
        }
    }

    private boolean overFailureRate() {
        return tried >= settings.failureRateAfter() && notSent > settings.maxFailureRate() * tried;
    }

    /** The failure that says most: a fatal one, then one that may have left, then the first. */
    private static RelayException worse(RelayException current, RelayException next) {
        if (current == null || next == null) {
            return current == null ? next : current;
        }
        if (next.fatal() && !current.fatal()) {
            return next;
        }
        return next.mayHaveLeft() && !current.mayHaveLeft() && !current.fatal() ? next : current;
    }

    /**
     * Mailjet reads these: the campaign groups its statistics, deduplication drops a second copy
     * of the campaign to one address (the safety net when an in-doubt chunk is re-sent), the
     * custom id comes back in its event webhooks.
     */
    private Map<String, String> relayHeaders(int chunk) {
        if (!mailjet) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Mailjet-Campaign", mailjetCampaign(run.campaign() + " " + run.period()));
        headers.put("X-Mailjet-DeduplicateCampaign", "true");
        headers.put("X-MJ-CustomID", "run" + runId + "-chunk" + chunk);
        return headers;
    }

    /** Mailjet allows letters, digits, space, '-' and '_', up to 255 characters. */
    static String mailjetCampaign(String name) {
        String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String allowed = ascii.replaceAll("[^A-Za-z0-9 _-]", "_");
        return allowed.length() > 255 ? allowed.substring(0, 255) : allowed;
    }

    /** Counted when sent, not when answered: a budget errs on the side of sending less. */
    private void throttleReserve(int recipients) {
        if (throttle != null) {
            throttle.sent(recipients);
        }
    }

    private static DeliveryStatus statusOf(RecipientOutcome outcome) {
        if (outcome instanceof RecipientOutcome.Accepted) {
            return DeliveryStatus.SENT;
        }
        if (outcome instanceof RecipientOutcome.Refused) {
            return DeliveryStatus.REFUSED;
        }
        return DeliveryStatus.FAILED;
    }

    @Override
    public void close() {
        operatorStop.sendEnded();
        progress.finished();
        if (relays != null) {
            relays.close();
            relays = null;
        }
    }

    private static String envelopeFrom(String sender) {
        try {
            return new InternetAddress(sender).getAddress();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("sender is not an address: " + sender, e);
        }
    }

}
