package bulletin.send;

import bulletin.feedback.FeedbackActions;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerEntry;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.ledger.SendEvents;
import bulletin.message.Letter;
import bulletin.message.MessageComposer;
import bulletin.message.MessageIds;
import bulletin.relay.ComposedMessage;
import bulletin.relay.DeliveryReport;
import bulletin.relay.ParallelRelays;
import bulletin.relay.RelayException;
import bulletin.relay.RelayFactory;
import bulletin.run.RunLetters;
import bulletin.stop.OperatorStop;
import bulletin.text.Sentence;
import bulletin.text.TerminalWords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one attempt of a run, round by round, over connections kept open for the whole attempt
 * (one per {@code bulletin.relays.NAME.connections}, used in parallel). For each round: one
 * commit holding the answers to the round before and each envelope's message recorded as on the
 * wire ({@link Ledger#markSending}), then one message per envelope handed to the relay.
 *
 * <p>A message that certainly did not leave goes back to PENDING; one whose answer was lost is
 * IN_DOUBT at once and the run goes on, unless several answers in a row are lost. Nothing here is
 * ever retried by sending a round again: that would mail its recipients twice.
 *
 * <p><b>Threads.</b> Runs on the send step's thread, except {@link #forcedQuit}, which a quit at
 * once runs on another: the signal handler's (a second Ctrl-C) or the stop watchdog's (a relay
 * silent past the grace time). It reads only the volatile round in flight and asks the relays
 * whether each message reached its end of data.
 */
public final class SendLoop {

    private static final Logger log = LoggerFactory.getLogger(SendLoop.class);

    private final Ledger ledger;
    private final Runs runs;
    private final RelayFactory relayFactory;
    private final Workspace workspace;
    private final Locality locality;
    private final SendSettings settings;
    private final SendProgress progress;
    private final OperatorStop operatorStop;
    private final MessageComposer composer;
    private final FeedbackActions feedback;
    private final SendEvents events;

    private long runId;
    private long executionId;
    private RunRecord run;
    private RunLetters letters;
    private String senderDomain;
    private ParallelRelays relays;
    private BudgetGate budget;
    private FailureBreaker breaker;
    private int nextMessageNo;
    private long toSend;
    /** One commit a round: the answers of a round wait for the next round's marks. */
    private final RoundCommits<Answers> commits;
    /** The envelopes of the round being handed to the relay, for a forced quit. */
    private volatile List<Ledger.Sending> inFlight = List.of();

    public SendLoop(Ledger ledger, Runs runs, RelayFactory relays, Workspace workspace, Locality locality, SendSettings settings,
                    SendProgress progress, OperatorStop operatorStop, FeedbackActions feedback, SendEvents events) {
        this.feedback = feedback;
        this.events = events;
        this.ledger = ledger;
        this.runs = runs;
        this.relayFactory = relays;
        this.workspace = workspace;
        this.locality = locality;
        this.settings = settings;
        this.progress = progress;
        this.operatorStop = operatorStop;
        this.composer = new MessageComposer(locality.timeZone());
        this.commits = new RoundCommits<>(ledger::inOwnTransaction, this::record, Answers.NONE);
    }

    /**
     * Opens the relay's connections for one attempt ({@code executionId}) of the run;
     * {@code pending} is how many rows wait to be sent when the caller knows it (the attempt staged
     * them), null to count them in the ledger.
     */
    public void open(long runId, long executionId, Long pending) {
        this.runId = runId;
        this.executionId = executionId;
        run = runs.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        letters = new RunLetters(run, workspace.templates());
        senderDomain = MessageComposer.senderDomain(run.sender());
        relays = relayFactory.openPool(run.relay(), MessageComposer.bareAddress(run.sender()),
                workspace.periodOutbox(run.campaign(), run.period()));
        nextMessageNo = ledger.nextMessageNumber(runId);
        toSend = pending != null ? pending : ledger.countPending(runId);
        log.info(TerminalWords.key("log.sending"), "Run {}: sending to {} recipients through {}", runId, toSend, relays.description());
        budget = BudgetGate.of(run.relay(), relayFactory, ledger, operatorStop, locality, runId);
        breaker = new FailureBreaker(settings);
        progress.started(runId, toSend);
        operatorStop.sendStarted(this::forcedQuit);
    }

    /**
     * One round: in one transaction, the answers to the round before and this round's messages
     * recorded as on the wire; then the messages handed to the relay's connections at once. This
     * round's answers wait in memory for the next round's transaction, or for
     * {@link #recordAnswers()}: so each connection has at most one message on the wire whose answer
     * is not recorded, and a round costs one commit ({@link RoundCommits}).
     *
     * @return null to go on, or why the run stops after this round (its admitted envelopes were sent)
     * @throws RelayException when the run must stop FAILED; the answers received were committed
     */
    public Halt send(Round round) {
        if (operatorStop.requested()) {
            return new Halt(operatorStopReason(), null);
        }
        List<Message> messages = new ArrayList<>();
        Halt halt = admit(round, messages);
        commits.hold(commits.held().with(budget.pauses()));
        if (messages.isEmpty()) {
            return halt;
        }
        List<Ledger.Sending> sending = messages.stream().map(Message::sending).toList();
        commits.commitBeforeSending(() -> ledger.markSending(runId, executionId, sending));
        inFlight = sending;
        List<ParallelRelays.Attempt> attempts = relays.send(messages.stream().map(Message::outgoing).toList());
        inFlight = List.of();

        Settled settled = settle(messages, attempts);
        Answers answers = settled.answers();
        RelayException failure = settled.failure();
        if (failure == null && breaker.overFailureRate()) {
            failure = new RelayException(RelayException.Kind.RUN, breaker.overFailureRateReason(), null);
        }
        progress.advanced(breaker.handled(), breaker.notKnownSent());
        if (failure != null) {
            commits.answeredThenStopped(answers);
            throw failure;
        }
        commits.answered(answers);
        return halt;
    }

    /** One message of a round: its envelope, its record as on the wire, its journal, what the relay is handed. */
    private record Message(Envelope envelope, Ledger.Sending sending, WireJournal journal, ParallelRelays.Outgoing outgoing) {
    }

    /** Composes a message for each envelope the budget admits, in order; returns why the rest were not (or null). */
    private Halt admit(Round round, List<Message> messages) {
        for (Envelope envelope : round.envelopes()) {
            Halt halt = budget.admit(envelope.recipients().size(), this::operatorStopReason);
            if (halt != null) {
                return halt;
            }
            int messageNo = nextMessageNo++;
            String messageId = MessageIds.of(runId, messageNo, executionId, senderDomain);
            Letter letter = letters.personal() ? letters.personal(envelope.recipients().get(0)) : letters.bcc();
            ComposedMessage message = new ComposedMessage(messageId,
                    composer.bytes(relays.smtpUtf8(), letter, messageId, providerHeaders(messageNo)));
            WireJournal journal = new WireJournal(ledger, runId, executionId, messageNo, envelope);
            messages.add(new Message(envelope, new Ledger.Sending(envelope.seqs(), messageNo, messageId), journal,
                    new ParallelRelays.Outgoing(message, envelope.addresses(), journal)));
        }
        return null;
    }

    /**
     * What the relay's answers make of each message's recipients, and the failure that says most
     * (null when the run goes on). A message that certainly did not leave goes back to PENDING at
     * once; one whose answer was lost is IN_DOUBT at once.
     */
    private Settled settle(List<Message> messages, List<ParallelRelays.Attempt> attempts) {
        List<Ledger.Answered> answered = new ArrayList<>();
        List<SendEvents.SendEvent> retries = new ArrayList<>();
        RelayException failure = null;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            ParallelRelays.Attempt attempt = attempts.get(i);
            int messageNo = message.sending().messageNo();
            if (attempt.failure() == null) {
                failure = worse(failure, answered(message, attempt.report(), answered, retries));
            } else if (attempt.failure().mayHaveLeft()) {
                failure = worse(failure, lostAnswer(message.envelope(), messageNo, attempt.failure()));
            } else {
                ledger.revertToPending(runId, messageNo, message.envelope().seqs(), attempt.failure().getMessage());
                failure = worse(failure, attempt.failure());
            }
        }
        return new Settled(new Answers(messages.stream().map(Message::envelope).toList(), answered, retries), failure);
    }

    /** A round's answers, and the failure that stops the run after it (null: it goes on). */
    private record Settled(Answers answers, RelayException failure) {
    }

    /** A message the relay answered: its outcomes join {@code answered}; returns why the run must stop, or null. */
    private RelayException answered(Message message, DeliveryReport report, List<Ledger.Answered> answered,
                                    List<SendEvents.SendEvent> retries) {
        int messageNo = message.sending().messageNo();
        RelayException failure = null;
        List<Ledger.Outcome> outcomes = Outcomes.of(message.envelope(), report);
        long inDoubt = outcomes.stream().filter(outcome -> outcome.status() == DeliveryStatus.IN_DOUBT).count();
        if (inDoubt == 0) {
            breaker.answered();
        } else {
            // A part of a split message lost its answer; the relay's journal put exactly its recipients in doubt.
            log.warn(TerminalWords.key("log.part-lost"), "Run {}: the answer to a part of message {} was lost; its {}"
                    + " recipients are IN_DOUBT", runId, messageNo, inDoubt);
            if (breaker.lost((int) inDoubt)) {
                failure = new RelayException(RelayException.Kind.RUN, Sentence.of("send.relay-gone", breaker.lostInARow()),
                        null);
            }
        }
        breaker.counted(outcomes.stream().filter(outcome -> outcome.status() != DeliveryStatus.IN_DOUBT).toList());
        WireJournal journal = message.journal();
        Ledger.Rows rows = journal.markedRows() ? Ledger.Rows.MARKED
                : report.stopped() == null ? Ledger.Rows.PENDING : Ledger.Rows.PARTLY_ANSWERED;
        answered.add(new Ledger.Answered(messageNo, message.sending().messageId(), outcomes, journal.end(report.outcomes()),
                rows));
        for (DeliveryReport.Retry retry : report.retries()) {
            retries.add(new SendEvents.SendEvent(retry.at(), SendEvents.Kind.RETRY, retry.recipients(), retry.delay(),
                    retry.reply()));
        }
        if (report.stopped() != null) {
            // The relay gave up after some transactions were answered: the rest never left.
            List<Integer> unsent = message.envelope().recipients().stream()
                    .filter(entry -> report.outcome(entry.address()) == null).map(LedgerEntry::seq).toList();
            ledger.revertToPending(runId, messageNo, unsent, report.stopped().getMessage());
            failure = worse(failure, report.stopped());
        }
        return failure;
    }

    /**
     * Records the answers of the last round sent, in the caller's transaction: the send step's
     * writer calls it at the end of each of its chunks, so they commit with the step's bookkeeping.
     */
    public void recordAnswers() {
        commits.writeInCallersTransaction();
    }

    private void record(Answers answers) {
        events.record(runId, executionId, answers.events());
        if (answers.messages().isEmpty()) {
            return;
        }
        ledger.recordAnswers(runId, executionId, answers.messages());
        learnFromRefusals(answers);
    }

    /** A round's answers, the envelopes they answer, and what the send met on the way (retries, budget pauses). */
    private record Answers(List<Envelope> envelopes, List<Ledger.Answered> messages, List<SendEvents.SendEvent> events) {
        static final Answers NONE = new Answers(List.of(), List.of(), List.of());

        Answers with(List<SendEvents.SendEvent> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<SendEvents.SendEvent> all = new ArrayList<>(events);
            all.addAll(more);
            return new Answers(envelopes, messages, all);
        }

        boolean isEmpty() {
            return messages.isEmpty() && events.isEmpty();
        }
    }

    /**
     * The relay may have taken this message and its answer is lost: its recipients are in doubt at
     * once, and the run goes on over a fresh connection (the relay closed the broken one). Only
     * when several answers in a row are lost is the relay taken for gone: then the run stops.
     */
    private RelayException lostAnswer(Envelope envelope, int messageNo, RelayException lost) {
        ledger.markInDoubtNow(runId, messageNo, envelope.seqs(), lost.getMessage());
        log.warn(TerminalWords.key("log.answer-lost"), "Run {}: the answer to message {} was lost; its {} recipients are"
                + " IN_DOUBT, the run goes on over a new connection", runId, messageNo, envelope.recipients().size());
        if (!breaker.lost(envelope.recipients().size())) {
            return null;
        }
        return new RelayException(RelayException.Kind.RUN, Sentence.of("send.relay-gone-last", breaker.lostInARow(),
                lost.sentence()), lost);
    }

    /**
     * A refusal at RCPT is feedback like a bounce: "no such user" suppresses the address for the
     * runs to come, other permanent refusals are counted (bulletin.feedback.soft-bounce-limit).
     */
    private void learnFromRefusals(Answers answers) {
        List<Ledger.Outcome> outcomes = answers.messages().stream().flatMap(message -> message.outcomes().stream())
                .filter(outcome -> outcome.status() == DeliveryStatus.REFUSED).toList();
        if (outcomes.isEmpty()) {
            return; // the usual round: nothing to learn, nothing to look up
        }
        Map<Integer, String> addresses = new HashMap<>();
        for (Envelope envelope : answers.envelopes()) {
            for (var entry : envelope.recipients()) {
                addresses.put(entry.seq(), entry.address());
            }
        }
        for (Ledger.Outcome outcome : outcomes) {
            FeedbackActions.Done done = feedback.refusedBySendingRelay(addresses.get(outcome.seq()), runId,
                    outcome.reply(), run.relay());
            log.info(TerminalWords.key("log.refused-learned"), "Run {}: {}: {}", runId, done.address(), done.said());
        }
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

    private Map<String, String> providerHeaders(int messageNo) {
        return relayFactory.providerHeaders(run.relay(), run.campaign() + " " + run.period(),
                RelayFactory.mailjetCustomId(runId, messageNo));
    }

    private Sentence operatorStopReason() {
        return Sentence.of("send.stopped-by", operatorStop.signal().name(), breaker.handled(), toSend);
    }

    /**
     * The operator quits at once (a second Ctrl-C, or a relay silent past the grace time): the
     * messages of the round that never reached the end of their data go back to PENDING; the
     * others stay SENDING, to be found IN_DOUBT by the next attempt.
     */
    private void forcedQuit() {
        List<Ledger.Sending> round = inFlight;
        for (int i = 0; i < round.size(); i++) {
            if (!relays.mayHaveLeft(i)) {
                ledger.revertToPending(runId, round.get(i).messageNo(), round.get(i).seqs(), "the operator quit at once");
            }
        }
    }

    /** Closes the connections, however the attempt ends. */
    public void close() {
        int messages = commits.held().messages().size();
        if (!commits.held().isEmpty()) {
            // Not reached by the step's chunk (it failed elsewhere): what the relay said must still stand.
            try {
                commits.commitWhatIsLeft();
            } catch (RuntimeException e) {
                log.warn(TerminalWords.key("log.answers-not-recorded"), "Run {}: the answers to the last {} messages could not"
                        + " be recorded ({}); their recipients stay SENDING and the next attempt marks them IN_DOUBT", runId,
                        messages, e.toString());
            }
        }
        operatorStop.sendEnded();
        progress.finished();
        if (relays != null) {
            relays.close();
            relays = null;
        }
    }
}
