package bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.home.Locality;
import bulletin.ledger.SendEvents;
import bulletin.relay.RelayProfile;
import bulletin.stop.OperatorStop;
import bulletin.text.Sentence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate keeps each wait for the relay's budget for the report's timeline, and not the pace between messages. */
class BudgetGateTest {

    private static final Locality NOUMEA = new Locality(ZoneId.of("Pacific/Noumea"), Locale.FRANCE);
    /** 0.3 s before a minute ends: the hour's budget, spent 59 minutes ago, frees then. */
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:59.700Z");

    @Test
    void aWaitForTheHoursBudgetIsRecordedAsAPauseWithTheBudgetsWords() {
        BudgetGate gate = gate(new RelayProfile.Budget(0, 5, 0, Duration.ofMinutes(5)), new OperatorStop());

        assertThat(gate.admit(2, () -> Sentence.of("text", "stopped"))).as("the message goes after the wait").isNull();

        assertThat(gate.pauses()).singleElement().satisfies(pause -> {
            assertThat(pause.kind()).isEqualTo(SendEvents.Kind.PAUSE);
            assertThat(pause.recipients()).isEqualTo(2);
            assertThat(pause.words()).isEqualTo("5 recipients per hour");
            assertThat(pause.delay()).isPositive();
        });
        assertThat(gate.pauses()).as("handed over once").isEmpty();
    }

    @Test
    void aPauseCutByTheOperatorsStopIsRecordedAndHaltsTheRun() {
        OperatorStop stop = new OperatorStop();
        stop.request(new OperatorStop.Signal("INT", 2));
        BudgetGate gate = gate(new RelayProfile.Budget(0, 5, 0, Duration.ofMinutes(5)), stop);

        assertThat(gate.admit(1, () -> Sentence.of("text", "stopped by INT"))).isNotNull().extracting(Halt::reason).isEqualTo("stopped by INT");
        assertThat(gate.pauses()).singleElement().extracting(SendEvents.SendEvent::kind).isEqualTo(SendEvents.Kind.PAUSE);
    }

    @Test
    void thePaceBetweenMessagesIsNoPause() {
        BudgetGate gate = gate(new RelayProfile.Budget(5, 0, 0, Duration.ofMinutes(5)), new OperatorStop());

        assertThat(gate.admit(1, () -> Sentence.of("text", "stopped"))).isNull();
        assertThat(gate.admit(1, () -> Sentence.of("text", "stopped"))).as("waits 0.2 s for its turn, then goes").isNull();
        assertThat(gate.pauses()).isEmpty();
    }

    private static BudgetGate gate(RelayProfile.Budget budget, OperatorStop stop) {
        long minute = NOW.getEpochSecond() / 60;
        Throttle throttle = new Throttle("limited", budget, Map.of(minute - 59, 5), Clock.fixed(NOW, ZoneOffset.UTC));
        return new BudgetGate(throttle, stop, NOUMEA, 1);
    }
}
