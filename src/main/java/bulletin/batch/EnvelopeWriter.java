package bulletin.batch;

import bulletin.audit.DeliveryStatus;
import bulletin.audit.Ledger;
import bulletin.audit.LedgerEntry;
import bulletin.audit.RunRecord;
import bulletin.campaign.Workspace;
import bulletin.message.Letter;
import bulletin.message.MessageComposer;
import bulletin.relay.DeliveryReport;
import bulletin.relay.RecipientOutcome;
import bulletin.relay.Relay;
import bulletin.relay.RelayException;
import bulletin.relay.RelayFactory;
import bulletin.relay.RelayProfile;
import bulletin.relay.Throttle;
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
 * Sends one message per envelope through the run's relay, whose connection it keeps open
 * across the step. For each envelope: its rows are committed as SENDING, the message is
 * handed to the relay, and each address's answer is recorded in the chunk's transaction.
 * Delivery is never retried by Spring Batch (that would re-send whole chunks): a chunk that
 * certainly did not leave goes back to PENDING, one that may have left stays for IN_DOUBT.
 */
class EnvelopeWriter implements ItemStreamWriter<Envelope>, StepExecutionListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EnvelopeWriter.class);

    private final Ledger ledger;
    private final RelayFactory relays;
    private final Workspace workspace;
    private final MessageComposer composer;
    private long runId;
    private long executionId;
    private RunRecord run;
    private RunLetters letters;
    private boolean mailjet;
    private String senderDomain;
    private Relay relay;
    private int chunkNo;
    private StepExecution stepExecution;
    private Throttle throttle;
    private long tried;
    private long notSent;

    private final SendSettings settings;

    EnvelopeWriter(Ledger ledger, RelayFactory relays, Workspace workspace, MessageComposer composer, SendSettings settings) {
        this.ledger = ledger;
        this.relays = relays;
        this.workspace = workspace;
        this.composer = composer;
        this.settings = settings;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        executionId = stepExecution.getJobExecution().getId();
    }

    @Override
    public void open(ExecutionContext context) {
        run = ledger.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        letters = new RunLetters(run, workspace.templates());
        mailjet = relays.isMailjet(run.relay());
        senderDomain = MessageComposer.senderDomain(run.sender());
        relay = relays.open(run.relay(), envelopeFrom(run.sender()),
                workspace.outbox().resolve(safe(run.campaign())).resolve(run.period()));
        chunkNo = ledger.nextChunkNumber(runId);
        RelayProfile.Budget budget = relays.budget(run.relay());
        throttle = budget == null ? null : new Throttle(run.relay(), budget,
                budget.recipientsPerHour() > 0 || budget.recipientsPerDay() > 0
                        ? ledger.takenPerMinute(run.relay(), Instant.now().minus(Duration.ofDays(1))) : Map.of(),
                Clock.systemUTC());
    }

    @Override
    public void write(Chunk<? extends Envelope> chunk) {
        for (Envelope envelope : chunk) {
            if (!withinBudget(envelope.recipients().size())) {
                return;
            }
            send(envelope, chunkNo++);
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
                Thread.sleep(wait.duration().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
        if (decision instanceof Throttle.Stop stop) {
            log.warn("Run {}: {}", runId, stop.reason());
            stepExecution.getJobExecution().getExecutionContext().putString(NewsletterLauncher.STOP_REASON, stop.reason());
            stepExecution.setTerminateOnly();
            return false;
        }
        return true;
    }

    private void send(Envelope envelope, int number) {
        // run.chunk.execution.random: sorts in sending order, and names the chunk in bounces.
        String messageId = String.format("<%d.%06d.%d.%s@%s>", runId, number, executionId, UUID.randomUUID(), senderDomain);
        Letter letter = letters.personal() ? letters.personal(envelope.recipients().get(0)) : letters.bcc();
        MimeMessage message = composer.compose(relay.session(), letter, messageId, relayHeaders(number));
        ledger.markSending(runId, envelope.seqs(), executionId, number, messageId);
        DeliveryReport report;
        try {
            report = relay.send(message, envelope.addresses());
        } catch (RelayException e) {
            if (!e.mayHaveLeft()) {
                ledger.revertToPending(runId, envelope.seqs());
            }
            throw e;
        }
        List<Ledger.Outcome> outcomes = new ArrayList<>(envelope.recipients().size());
        for (LedgerEntry entry : envelope.recipients()) {
            RecipientOutcome outcome = report.outcome(entry.address());
            if (outcome == null) {
                outcomes.add(new Ledger.Outcome(entry.seq(), DeliveryStatus.FAILED, "the relay gave no answer for this address"));
            } else {
                outcomes.add(new Ledger.Outcome(entry.seq(), statusOf(outcome), outcome.reply()));
            }
        }
        for (Ledger.Outcome outcome : outcomes) {
            tried++;
            if (outcome.status() != DeliveryStatus.SENT) {
                notSent++;
            }
        }
        if (tried >= settings.failureRateAfter() && notSent > settings.maxFailureRate() * tried) {
            // The exception rolls the chunk's transaction back: these outcomes must stand on their own.
            ledger.recordOutcomesNow(runId, outcomes);
            throw new RelayException(notSent + " of the " + tried + " recipients tried were refused or failed, over "
                    + Math.round(settings.maxFailureRate() * 100) + "% (bulletin.send.max-failure-rate): the run stops "
                    + "here; see the audit for the relay's replies, then run the same command again to go on", false,
                    null);
        }
        ledger.recordOutcomes(runId, outcomes);
        if (throttle != null) {
            throttle.sent((int) outcomes.stream().filter(o -> o.status() == DeliveryStatus.SENT
                    || o.status() == DeliveryStatus.REFUSED).count());
        }
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
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    private static String envelopeFrom(String sender) {
        try {
            return new InternetAddress(sender).getAddress();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("sender is not an address: " + sender, e);
        }
    }

    /** A campaign name as a directory name. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
