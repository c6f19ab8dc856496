package bulletin.send;

import bulletin.home.Locality;
import bulletin.ledger.Ledger;
import bulletin.ledger.SendEvents;
import bulletin.relay.RelayFactory;
import bulletin.relay.RelayProfile;
import bulletin.stop.OperatorStop;
import bulletin.text.Sentence;
import bulletin.text.TerminalWords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a message go when the relay's budget allows it: waits when the wait is short (an operator's
 * stop cuts the wait), halts the run when the budget is spent for longer than
 * {@code budget.max-wait}. What it lets go is counted at once, not when answered: a budget errs
 * on the side of sending less.
 */
final class BudgetGate {

    private static final Logger log = LoggerFactory.getLogger(BudgetGate.class);

    /** Null for a relay without limits. */
    private final Throttle throttle;
    private final OperatorStop operatorStop;
    private final Locality locality;
    private final long runId;

    /** The budget's waits since {@link #pauses()} was last called. */
    private final List<SendEvents.SendEvent> pauses = new ArrayList<>();

    BudgetGate(Throttle throttle, OperatorStop operatorStop, Locality locality, long runId) {
        this.throttle = throttle;
        this.operatorStop = operatorStop;
        this.locality = locality;
        this.runId = runId;
    }

    /** The gate of one run's relay, starting from what the ledger says the relay took in the last day (all runs). */
    static BudgetGate of(String relay, RelayFactory relays, Ledger ledger, OperatorStop operatorStop, Locality locality,
                         long runId) {
        RelayProfile.Budget budget = relays.budget(relay);
        Throttle throttle = budget == null ? null : new Throttle(relay, budget,
                budget.recipientsPerHour() > 0 || budget.recipientsPerDay() > 0
                        ? ledger.takenPerMinute(relay, Instant.now().minus(Duration.ofDays(1))) : Map.of(),
                Clock.systemUTC());
        return new BudgetGate(throttle, operatorStop, locality, runId);
    }

    /** The waits for the budget since the last call, for the report's timeline; the gate forgets them. */
    List<SendEvents.SendEvent> pauses() {
        List<SendEvents.SendEvent> waited = List.copyOf(pauses);
        pauses.clear();
        return waited;
    }

    /**
     * @param operatorStopReason the summary's sentence if the operator stops the run during a wait
     * @return null when the message may go now (it is counted), otherwise why the run halts
     */
    Halt admit(int recipients, Supplier<Sentence> operatorStopReason) {
        if (throttle == null) {
            return null;
        }
        Throttle.Decision decision = throttle.before(recipients);
        if (decision instanceof Throttle.Wait wait) {
            Instant start = Instant.now();
            try {
                if (!operatorStop.pause(wait.duration())) {
                    return new Halt(operatorStopReason.get(), null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Halt(Sentence.of("budget.interrupted"), null);
            } finally {
                if (wait.budget() != null) {
                    // A budget's wait is a pause the report shows; the pace between messages is not.
                    pauses.add(new SendEvents.SendEvent(start, SendEvents.Kind.PAUSE, recipients,
                            Duration.between(start, Instant.now()), wait.budget()));
                }
            }
        } else if (decision instanceof Throttle.Stop stop) {
            Sentence reason = Sentence.of("budget.spent", stop.budget(), locality.show(stop.resumeAt()));
            log.warn(TerminalWords.key("log.run-sentence"), "Run {}: {}", runId, reason);
            return new Halt(reason, stop.resumeAt());
        }
        throttle.sent(recipients);
        return null;
    }
}
