package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audit.DeliveryStatus;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Relay faults through the whole job, with a ledger that must stay exact: no recipient lost,
 * none doubled, every one in the state the relay's behaviour explains.
 */
@SpringBootTest
class RelayFaultsJobTest {

    static final TestHome home = TestHome.create("faults");
    static final ScriptedSmtpServer capped = new ScriptedSmtpServer();
    static final ScriptedSmtpServer busy = new ScriptedSmtpServer();
    static final ScriptedSmtpServer restarting = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        for (var relay : Map.of("capped", capped.port(), "busy", busy.port(), "restarting", restarting.port()).entrySet()) {
            registry.add("bulletin.relays." + relay.getKey() + ".host", () -> "127.0.0.1");
            registry.add("bulletin.relays." + relay.getKey() + ".port", relay::getValue);
            registry.add("bulletin.relays." + relay.getKey() + ".security", () -> "none");
            registry.add("bulletin.relays." + relay.getKey() + ".retry.initial-backoff", () -> "2ms");
        }
    }

    @Autowired
    NewsletterLauncher launcher;

    @AfterAll
    static void stop() {
        capped.close();
        busy.close();
        restarting.close();
    }

    private Path job(String name, int members, String relay) {
        home.writeTemplate("letter");
        home.writeRecipients("data/" + name + ".csv", TestHome.members(name, members));
        return home.writeJob(name, name, "data/" + name + ".csv", 5, relay, null);
    }

    private static Map<String, Long> times(List<String> received) {
        return received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void aRelayThatDropsTheConnectionAfterEveryThreeMessagesGetsEveryoneOnce() {
        capped.droppingAfterMessagesPerConnection(3);

        RunResult result = launcher.send(job("capped", 40, "capped"), YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(40);
        assertThat(capped.acceptedRecipients()).containsExactlyInAnyOrderElementsOf(TestHome.members("capped", 40));
        assertThat(capped.connections()).isEqualTo(3);
    }

    @Test
    void aRelayThatAnswers421AtGreetingStopsTheRunWithEveryonePendingAndARelaunchSendsEachOnce() {
        busy.greeting("421 4.3.2 service not available, closing channel");

        RunResult failed = launcher.send(job("busy", 12, "busy"), YearMonth.of(2026, 11));

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.problem()).contains("cannot connect to relay busy");
        assertThat(failed.counts().get(DeliveryStatus.PENDING)).isEqualTo(12);
        assertThat(busy.accepted()).isEmpty();

        busy.greeting("220 back");
        RunResult resumed = launcher.send(job("busy", 12, "busy"), YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.counts().get(DeliveryStatus.SENT)).isEqualTo(12);
        assertThat(busy.acceptedRecipients()).containsExactlyInAnyOrderElementsOf(TestHome.members("busy", 12));
    }

    @Test
    void aRelayRestartedMidRunLosesNobodyAndDoublesNobody() {
        // The relay goes down while taking message 4 (its answer is lost), refuses connections
        // while it restarts, then comes back.
        restarting.droppingBeforeAnsweringDataOfMessage(4)
                .beforeAnsweringData(n -> {
                    if (n == 4) {
                        restarting.greeting("421 4.3.2 restarting");
                    }
                });
        List<String> members = TestHome.members("restarting", 50);

        RunResult failed = launcher.send(job("restarting", 50, "restarting"), YearMonth.of(2026, 11));

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.counts().get(DeliveryStatus.SENT)).isEqualTo(15);
        assertThat(failed.counts().get(DeliveryStatus.SENDING)).isEqualTo(5);

        restarting.greeting("220 back");
        RunResult resumed = launcher.send(job("restarting", 50, "restarting"), YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.counts().get(DeliveryStatus.SENT)).isEqualTo(45);
        assertThat(resumed.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(5);
        assertThat(times(restarting.acceptedRecipients())).containsOnlyKeys(members)
                .allSatisfy((address, n) -> assertThat(n).isEqualTo(1));
    }
}
