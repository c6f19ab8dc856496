package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audience.SuppressionList;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.run.RunResult;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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
    static final ScriptedSmtpServer lossy = new ScriptedSmtpServer();
    static final ScriptedSmtpServer gone = new ScriptedSmtpServer();
    static final ScriptedSmtpServer picky = new ScriptedSmtpServer();
    static final ScriptedSmtpServer splitting = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        for (var relay : Map.of("capped", capped.port(), "busy", busy.port(), "restarting", restarting.port(),
                "lossy", lossy.port(), "gone", gone.port(), "picky", picky.port(), "splitting", splitting.port()).entrySet()) {
            registry.add("bulletin.relays." + relay.getKey() + ".host", () -> "127.0.0.1");
            registry.add("bulletin.relays." + relay.getKey() + ".port", relay::getValue);
            registry.add("bulletin.relays." + relay.getKey() + ".security", () -> "none");
            registry.add("bulletin.relays." + relay.getKey() + ".retry.initial-backoff", () -> "2ms");
        }
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    SuppressionList suppressions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @AfterAll
    static void stop() {
        capped.close();
        busy.close();
        restarting.close();
        lossy.close();
        gone.close();
        picky.close();
        splitting.close();
    }

    private Path job(String name, int members, String relay) {
        return job(name, members, relay, 5);
    }

    private Path job(String name, int members, String relay, int envelopeSize) {
        home.writeTemplate("letter");
        home.writeRecipients("data/" + name + ".csv", TestHome.members(name, members));
        return home.writeJob(name, name, "data/" + name + ".csv", envelopeSize, relay, null);
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
        assertThat(failed.problem()).contains("cannot connect to relay busy")
                .contains("it refused the session (421 4.3.2 service not available, closing channel)");
        assertThat(failed.counts().get(DeliveryStatus.PENDING)).isEqualTo(12);
        assertThat(busy.accepted()).isEmpty();

        busy.greeting("220 back");
        RunResult resumed = launcher.send(job("busy", 12, "busy"), YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.counts().get(DeliveryStatus.SENT)).isEqualTo(12);
        assertThat(busy.acceptedRecipients()).containsExactlyInAnyOrderElementsOf(TestHome.members("busy", 12));
    }

    /** A refusal at RCPT is feedback too: "no such user" suppresses for the next runs, another 5xx is counted. */
    @Test
    void aRelaysNoSuchUserSuppressesTheAddressAFullMailboxIsCountedAndTheSendersProblemsNeverAre() {
        picky.answeringRcpt(address -> address.startsWith("picky002") ? "550 5.1.1 <" + address + ">: no such user"
                : address.startsWith("picky003") ? "554 5.7.1 <" + address + ">: relay access denied"
                : address.startsWith("picky004") ? "550 5.2.2 <" + address + ">: mailbox full" : null);
        List<String> members = TestHome.members("picky", 6);

        RunResult first = launcher.send(job("picky", 6, "picky"), YearMonth.of(2026, 11));

        assertThat(first.counts().get(DeliveryStatus.REFUSED)).isEqualTo(3);
        SuppressionList.Entry gone = suppressions.list().stream().filter(e -> e.address().equals(members.get(1)))
                .findFirst().orElseThrow();
        assertThat(gone.reason()).isEqualTo(SuppressionList.Reason.BOUNCED);
        assertThat(gone.source()).isEqualTo("relay 'picky'");
        assertThat(gone.runId()).isEqualTo(first.runId());
        assertThat(gone.note()).contains("550 5.1.1").contains("run " + first.runId());
        assertThat(suppressions.isSuppressed(members.get(2))).as("the sender's problem, not the member's").isFalse();
        assertThat(softBounces(members.get(2))).as("never counted against the member").isZero();
        assertThat(suppressions.isSuppressed(members.get(3))).as("a full mailbox is counted, not a reason yet").isFalse();
        assertThat(softBounces(members.get(3))).isEqualTo(1);

        RunResult next = launcher.send(job("picky", 6, "picky"), YearMonth.of(2026, 12));

        assertThat(next.counts().get(DeliveryStatus.SUPPRESSED)).isEqualTo(1);
        assertThat(next.counts().get(DeliveryStatus.REFUSED)).isEqualTo(2);
        assertThat(softBounces(members.get(2))).isZero();
        assertThat(softBounces(members.get(3))).as("one a run").isEqualTo(2);
    }

    private long softBounces(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE address_key = ?").param(address)
                .query(Long.class).single();
    }

    /** One lost answer on a relay that is otherwise fine: its message's recipients are in doubt, everyone else is sent. */
    @Test
    void aLostAnswerPutsItsMessageInDoubtAndTheRunGoesOnOverANewConnection() {
        lossy.droppingBeforeAnsweringDataOfMessage(2);
        List<String> members = TestHome.members("lossy", 30);

        RunResult result = launcher.send(job("lossy", 30, "lossy"), YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(25);
        assertThat(result.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(5);
        assertThat(result.counts().get(DeliveryStatus.SENDING)).isZero();
        assertThat(lossy.connections()).as("a fresh connection after the lost one").isEqualTo(2);
        // The relay did take the message whose answer was lost: everyone arrived, once.
        assertThat(times(lossy.acceptedRecipients())).containsOnlyKeys(members).allSatisfy((address, n) -> assertThat(n).isEqualTo(1));
    }

    /** Answers lost three messages in a row: the relay is gone, the run stops with the rest still to send. */
    @Test
    void answersLostThreeMessagesInARowStopTheRun() {
        gone.droppingBeforeAnsweringDataFrom(2);

        RunResult result = launcher.send(job("gone", 40, "gone"), YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.problem()).contains("3 messages in a row were lost");
        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(5);
        assertThat(result.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(15);
        assertThat(result.counts().get(DeliveryStatus.PENDING)).isEqualTo(20);
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
        assertThat(failed.problem()).contains("cannot connect to relay restarting");
        assertThat(failed.counts().get(DeliveryStatus.SENT)).isEqualTo(15);
        assertThat(failed.counts().get(DeliveryStatus.IN_DOUBT)).as("in doubt at once, never left SENDING").isEqualTo(5);
        assertThat(failed.counts().get(DeliveryStatus.SENDING)).isZero();
        assertThat(failed.counts().get(DeliveryStatus.PENDING)).isEqualTo(30);

        restarting.greeting("220 back");
        RunResult resumed = launcher.send(job("restarting", 50, "restarting"), YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.counts().get(DeliveryStatus.SENT)).isEqualTo(45);
        assertThat(resumed.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(5);
        assertThat(times(restarting.acceptedRecipients())).containsOnlyKeys(members)
                .allSatisfy((address, n) -> assertThat(n).isEqualTo(1));
    }

    /**
     * A relay taking 20 recipients a message splits each envelope of 50 in three transactions; the
     * answer to the second transaction of the first message is lost. Exactly its 20 are in doubt:
     * the 20 before it are SENT, the 10 after it go over a new connection in the same run.
     */
    @Test
    void aLostAnswerInASplitMessagePutsInDoubtExactlyTheRecipientsOfThatTransaction() {
        splitting.limitingRecipientsPerTransaction(20).droppingBeforeAnsweringDataOfMessage(2);
        List<String> members = TestHome.members("splitting", 100);

        RunResult result = launcher.send(job("splitting", 100, "splitting", 50), YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(20);
        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(80);
        assertThat(result.counts().get(DeliveryStatus.PENDING)).isZero();
        assertThat(result.counts().get(DeliveryStatus.SENDING)).isZero();
        assertThat(LedgerParts.addresses(ledger, result.runId(), DeliveryStatus.IN_DOUBT)).containsExactlyElementsOf(members.subList(20, 40));
        assertThat(times(splitting.acceptedRecipients())).as("each received once, the lost transaction too")
                .containsOnlyKeys(members).allSatisfy((address, n) -> assertThat(n).isEqualTo(1));
        assertThat(jdbc.sql("SELECT CAST(message_no AS VARCHAR(9)) || '.' || CAST(part_no AS VARCHAR(9)) || ' ' || state || ' ' || CAST(recipients AS VARCHAR(9)) FROM bulletin_transaction"
                        + " WHERE run_id = ? ORDER BY message_no, part_no").param(result.runId()).query(String.class).list())
                .containsExactly("1.1 ANSWERED 20", "1.2 LOST 20", "1.3 ANSWERED 10",
                        "2.1 ANSWERED 20", "2.2 ANSWERED 20", "2.3 ANSWERED 10");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulletin_recipient WHERE run_id = ? AND message_no = 1 AND part_no = 2")
                .param(result.runId()).query(Long.class).single()).as("each row names its transaction").isEqualTo(20);
    }
}
