package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.run.RunResult;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A broken or hostile relay through the whole job: whatever it answers, the ledger ends with no
 * row SENDING, calls SENT exactly the recipients the relay received, and IN_DOUBT only those of a
 * message the relay received whose answer did not arrive. Each case checks the ledger against
 * what the scripted server kept.
 */
@SpringBootTest
class HostileRelayJobTest {

    static final TestHome home = TestHome.create("hostile");
    static final Map<String, ScriptedSmtpServer> relays = Map.of(
            "refusing", new ScriptedSmtpServer(), "multiline", new ScriptedSmtpServer(),
            "early", new ScriptedSmtpServer(), "trickling", new ScriptedSmtpServer(),
            "endless", new ScriptedSmtpServer(), "slowanswer", new ScriptedSmtpServer());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        relays.forEach((name, server) -> {
            registry.add("bulletin.relays." + name + ".host", () -> "127.0.0.1");
            registry.add("bulletin.relays." + name + ".port", server::port);
            registry.add("bulletin.relays." + name + ".security", () -> "none");
            registry.add("bulletin.relays." + name + ".read-timeout", () -> "2s");
            registry.add("bulletin.relays." + name + ".retry.initial-backoff", () -> "2ms");
        });
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @AfterAll
    static void stop() {
        relays.values().forEach(ScriptedSmtpServer::close);
    }

    private RunResult send(String name, int members) {
        home.writeTemplate("letter");
        home.writeRecipients("data/" + name + ".csv", TestHome.members(name, members));
        Path job = home.writeJob(name, name, "data/" + name + ".csv", 5, name, null);
        return assertTimeoutPreemptively(Duration.ofMinutes(3), () -> launcher.send(job, YearMonth.of(2026, 11)),
                "a relay's replies must never hang the run");
    }

    private List<String> inState(RunResult run, DeliveryStatus state) {
        return LedgerParts.addresses(ledger, run.runId(), state);
    }

    private static Map<String, Long> times(List<String> received) {
        return received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** No row is left SENDING, and SENT is exactly what the relay kept, each once. */
    private void ledgerMatchesWhatTheRelayKept(RunResult run, ScriptedSmtpServer server) {
        assertThat(run.counts().get(DeliveryStatus.SENDING)).as("no row left SENDING").isZero();
        List<String> received = server.acceptedRecipients();
        List<String> sentOrInDoubt = new java.util.ArrayList<>(inState(run, DeliveryStatus.SENT));
        sentOrInDoubt.addAll(inState(run, DeliveryStatus.IN_DOUBT));
        assertThat(received).as("what the relay kept is exactly what the ledger says left")
                .containsExactlyInAnyOrderElementsOf(sentOrInDoubt);
        assertThat(times(received)).allSatisfy((address, n) -> assertThat(n).as(address).isEqualTo(1));
    }

    @Test
    void everyRecipientOfAMessageRefusedThenAGoAheadToDataLeavesThemRefusedAndTheRunGoesOn() {
        ScriptedSmtpServer server = relays.get("refusing").goingAheadWithoutRecipients()
                .answeringRcpt(address -> address.compareTo("refusing006") < 0 ? "550 5.1.1 <" + address + ">: no such user" : null);
        List<String> members = TestHome.members("refusing", 10);

        RunResult run = send("refusing", 10);

        assertThat(run.outcome()).as(run.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(inState(run, DeliveryStatus.REFUSED)).containsExactlyElementsOf(members.subList(0, 5));
        assertThat(inState(run, DeliveryStatus.SENT)).containsExactlyElementsOf(members.subList(5, 10));
        assertThat(run.counts().get(DeliveryStatus.IN_DOUBT)).as("nothing was received for the refused").isZero();
        ledgerMatchesWhatTheRelayKept(run, server);
    }

    @Test
    void aMultiLineReplyWhoseLastLineRefusesIsARefusalNotASend() {
        ScriptedSmtpServer server = relays.get("multiline").answeringRcpt(address -> address.startsWith("multiline002")
                ? "250-2.1.5 checking\r\n550 5.1.1 <" + address + ">: no such user" : null);
        List<String> members = TestHome.members("multiline", 10);

        RunResult run = send("multiline", 10);

        assertThat(run.outcome()).as(run.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(inState(run, DeliveryStatus.REFUSED)).containsExactly(members.get(1));
        assertThat(run.counts().get(DeliveryStatus.SENT)).isEqualTo(9);
        ledgerMatchesWhatTheRelayKept(run, server);
    }

    @Test
    void anAnswerBeforeTheBodyIsNeverTakenForTheBodysAnswer() {
        // 354 and 250 in one write, then a refusal of the body: before the fix, all ten were SENT.
        ScriptedSmtpServer server = relays.get("early").answeringDataCommandWith("354 go ahead\r\n250 2.0.0 queued already")
                .answeringEndOfDataWith(n -> "554 5.7.1 rejected");

        RunResult run = send("early", 10);

        assertThat(run.counts().get(DeliveryStatus.SENT)).isZero();
        assertThat(run.counts().get(DeliveryStatus.IN_DOUBT)).as("the body never left").isZero();
        assertThat(run.counts().get(DeliveryStatus.FAILED)).as("not delivered after the retries: resendable").isEqualTo(10);
        assertThat(LedgerParts.shown(ledger, run.runId()).stream().map(AuditRow::relayReply).distinct().toList()).singleElement().asString().contains("answered before the message was written");
        assertThat(server.dataCommands()).as("each message tried as often as the retries allow").isEqualTo(8);
        assertThat(server.accepted()).isEmpty();
        ledgerMatchesWhatTheRelayKept(run, server);
    }

    @Test
    void aTrickledReplyBeforeTheBodyMeetsTheDeadlineAndTheMessageGoesOverANewConnection() {
        AtomicInteger rcpts = new AtomicInteger();
        ScriptedSmtpServer server = relays.get("trickling").answeringRcpt(address -> rcpts.incrementAndGet() == 1
                ? ScriptedSmtpServer.TRICKLE + "250 2.1.5 ok, slowly, very slowly" : null);

        RunResult run = send("trickling", 10);

        assertThat(run.outcome()).as(run.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(run.counts().get(DeliveryStatus.SENT)).isEqualTo(10);
        assertThat(run.counts().get(DeliveryStatus.IN_DOUBT)).as("nothing had left when the reply was late").isZero();
        assertThat(server.connections()).as("the slow connection was given up").isGreaterThanOrEqualTo(2);
        ledgerMatchesWhatTheRelayKept(run, server);
    }

    @Test
    void anEndlessReplyLineIsCutAndTheRunGoesOn() {
        AtomicInteger rcpts = new AtomicInteger();
        ScriptedSmtpServer server = relays.get("endless").answeringRcpt(address -> rcpts.incrementAndGet() == 1
                ? ScriptedSmtpServer.ENDLESS : null);

        RunResult run = send("endless", 10);

        assertThat(run.outcome()).as(run.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(run.counts().get(DeliveryStatus.SENT)).isEqualTo(10);
        ledgerMatchesWhatTheRelayKept(run, server);
    }

    @Test
    void aTrickledAnswerToTheBodyPutsExactlyThatMessageInDoubt() {
        List<String> members = TestHome.members("slowanswer", 10);
        ScriptedSmtpServer server = relays.get("slowanswer").answeringEndOfDataWith(n -> n == 1
                ? ScriptedSmtpServer.TRICKLE + "250 2.0.0 queued, slowly" : null);

        RunResult run = send("slowanswer", 10);

        assertThat(run.outcome()).as(run.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(inState(run, DeliveryStatus.IN_DOUBT)).as("received, its answer late").containsExactlyElementsOf(members.subList(0, 5));
        assertThat(inState(run, DeliveryStatus.SENT)).containsExactlyElementsOf(members.subList(5, 10));
        ledgerMatchesWhatTheRelayKept(run, server);
    }
}
