package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.batch.NewsletterLauncher;
import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.relay.RelayFactory;
import bulletin.run.RunResult;
import bulletin.support.MailjetFake;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestCertificate;
import bulletin.support.TestHome;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A message whose answer was lost through a Mailjet relay is not left to the operator's guess:
 * Mailjet lists the messages it received by their custom id ({@code X-MJ-CustomID}), so
 * {@code feedback} and {@code restart} ask it. Each run goes through its own scripted relay (TLS,
 * AUTH, Mailjet's provider headers) that drops the connection before answering the end of data of
 * its second message; Mailjet's answers come from a local fake of its documented API.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class MailjetInDoubtTest {

    static final String KEY = "mj-api-key";
    static final String SECRET = "mj-secret-0123456789";
    static final TestHome home = TestHome.create("mailjet-in-doubt");
    static final MailjetFake mailjet = new MailjetFake(KEY, SECRET);
    static final Map<String, ScriptedSmtpServer> relays = Map.of(
            "received", new ScriptedSmtpServer(), "neverreceived", new ScriptedSmtpServer(),
            "unreachable", new ScriptedSmtpServer());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        home.register(registry);
        TestCertificate certificate = TestCertificate.create(home.path("certs"), "localhost");
        var serverContext = certificate.serverContext();
        var pem = certificate.pem().toString();
        relays.forEach((name, server) -> {
            server.withTls(serverContext).withCredentials(KEY, SECRET).droppingBeforeAnsweringDataOfMessage(2);
            String prefix = "bulletin.relays." + name + ".";
            registry.add(prefix + "host", () -> "127.0.0.1");
            registry.add(prefix + "port", server::port);
            registry.add(prefix + "security", () -> "starttls");
            registry.add(prefix + "provider", () -> "mailjet");
            registry.add(prefix + "username", () -> KEY);
            registry.add(prefix + "password", () -> SECRET);
            registry.add(prefix + "trust-certificate", () -> pem);
            registry.add(prefix + "retry.initial-backoff", () -> "2ms");
        });
        registry.add("bulletin.feedback.mailjet-api", () -> mailjet.base().toString());
        registry.add("bulletin.feedback.mailjet-retry-wait", () -> "10ms");
        // Mailjet lists a message within seconds; here "not listed" means "never received" at once.
        registry.add("bulletin.feedback.mailjet-settle", () -> "0s");
    }

    @AfterAll
    static void stop() {
        relays.values().forEach(ScriptedSmtpServer::close);
        mailjet.close();
    }

    @Autowired
    NewsletterLauncher launcher;
    @Autowired
    MailjetFeedback feedback;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    /** 30 members in envelopes of 10 through the named relay: the second message's 10 are in doubt. */
    private RunResult sendWithALostAnswer(String relay, List<String> members) {
        home.writeTemplate("letter");
        home.writeRecipients("data/" + relay + ".csv", members);
        Path job = home.writeJob(relay, "Lettre " + relay, "data/" + relay + ".csv", 10, relay, null);
        RunResult result = launcher.send(job, YearMonth.of(2026, 11));
        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(10);
        assertThat(inDoubt(result.runId())).containsExactlyElementsOf(members.subList(10, 20));
        return result;
    }

    /** Mailjet lists one message per recipient of each SMTP message it received, under its custom id. */
    private void mailjetReceived(long campaign, long runId, int messageNo, List<String> recipients) {
        for (String address : recipients) {
            mailjet.message(campaign, new MailjetFake.Message(runId * 1000 + recipients.indexOf(address) + messageNo * 100L,
                    address.toUpperCase(java.util.Locale.ROOT), "sent", false, 0,
                    RelayFactory.mailjetCustomId(runId, messageNo)));
        }
    }

    /** The report of one relay's runs: the other tests' runs go through relays of their own. */
    private static FeedbackReport of(List<FeedbackReport> reports, String relay) {
        return reports.stream().filter(report -> report.source().equals("Mailjet (relay '" + relay + "')")).findFirst()
                .orElseThrow(() -> new AssertionError("no report for relay " + relay));
    }

    private List<String> inDoubt(long runId) {
        return LedgerParts.addresses(ledger, runId, DeliveryStatus.IN_DOUBT);
    }

    private Map<String, String> states(long runId) {
        return LedgerParts.shown(ledger, runId).stream().collect(Collectors.toMap(AuditRow::address, row -> row.status().name()));
    }

    @Test
    void feedbackMakesSentTheInDoubtRecipientsWhoseMessageMailjetReceived() {
        List<String> members = TestHome.members("received", 30);
        RunResult sent = sendWithALostAnswer("received", members);
        mailjet.campaign(RelayFactory.mailjetCampaign("Lettre received 2026-11"), 8101);
        mailjetReceived(8101, sent.runId(), 1, members.subList(0, 10));
        mailjetReceived(8101, sent.runId(), 2, members.subList(10, 20));
        mailjetReceived(8101, sent.runId(), 3, members.subList(20, 30));

        assertThat(of(feedback.pull(true), "received").lines())
                .contains("run " + sent.runId() + ", recipients in doubt: 10 received by Mailjet (would be SENT, confirmed"
                        + " by Mailjet)");
        assertThat(inDoubt(sent.runId())).as("a dry run changes nothing").hasSize(10);

        FeedbackReport report = of(feedback.pull(false), "received");

        assertThat(report.lines())
                .contains("run " + sent.runId() + ", recipients in doubt: 10 received by Mailjet (SENT, confirmed by Mailjet)");
        assertThat(states(sent.runId())).hasSize(30).allSatisfy((address, state) -> assertThat(state).isEqualTo("SENT"));
        assertThat(LedgerParts.shownRow(ledger, sent.runId(), members.get(12)).relayReply())
                .startsWith("confirmed by Mailjet: its message");
        assertThat(LedgerParts.shownRow(ledger, sent.runId(), members.get(2)).relayReply())
                .as("a recipient answered at the time keeps the relay's own words").doesNotContain("Mailjet");
        assertThat(of(feedback.pull(false), "received").lines()).as("nothing left in doubt, nothing said again")
                .noneMatch(line -> line.contains("in doubt"));
    }

    @Test
    void restartSendsAgainOnlyTheInDoubtRecipientsMailjetNeverReceived() {
        List<String> members = TestHome.members("neverreceived", 30);
        ScriptedSmtpServer relay = relays.get("neverreceived");
        RunResult sent = sendWithALostAnswer("neverreceived", members);
        mailjet.campaign(RelayFactory.mailjetCampaign("Lettre neverreceived 2026-11"), 8102);
        mailjetReceived(8102, sent.runId(), 1, members.subList(0, 10));
        mailjetReceived(8102, sent.runId(), 3, members.subList(20, 30)); // the second message never reached Mailjet
        int before = relay.acceptedRecipients().size();

        RunResult restarted = launcher.restart(sent.runId(), false, false);

        assertThat(restarted.outcome()).as(restarted.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(restarted.counts().get(DeliveryStatus.SENT)).isEqualTo(30);
        assertThat(restarted.counts().get(DeliveryStatus.IN_DOUBT)).isZero();
        assertThat(relay.acceptedRecipients().subList(before, relay.acceptedRecipients().size()))
                .as("only the ten Mailjet never received are sent again, once each")
                .containsExactlyElementsOf(members.subList(10, 20));
        Map<String, Long> times = relay.acceptedRecipients().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(times).containsOnlyKeys(members);
    }

    @Test
    void mailjetUnreachableLeavesThemInDoubtAndSaysSoOnce(CapturedOutput output) {
        List<String> members = TestHome.members("unreachable", 30);
        RunResult sent = sendWithALostAnswer("unreachable", members);
        mailjet.answering429(1_000);
        try {
            RunResult restarted = launcher.restart(sent.runId(), false, false);

            assertThat(restarted.outcome()).isEqualTo(RunResult.Outcome.ALREADY_COMPLETED);
            assertThat(inDoubt(sent.runId())).containsExactlyElementsOf(members.subList(10, 20));
            // said on the terminal in bulletin.locale's language (fr-FR)
            String said = "envoi " + sent.runId() + " : impossible de demander à Mailjet pour ses 10 destinataires incertains";
            assertThat(output.getAll().split(java.util.regex.Pattern.quote(said), -1)).as("said once").hasSize(2);
            assertThat(output.getAll()).contains("ils restent IN_DOUBT");

            assertThat(of(feedback.pull(false), "unreachable").complete()).as("the read says Mailjet failed").isFalse();
            assertThat(inDoubt(sent.runId())).hasSize(10);
        } finally {
            mailjet.answering429(0);
        }
    }
}
