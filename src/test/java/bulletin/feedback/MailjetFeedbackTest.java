package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audience.SuppressionList;
import bulletin.batch.NewsletterLauncher;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.relay.RelayFactory;
import bulletin.run.RunResult;
import bulletin.support.GreenMailTls;
import bulletin.support.MailjetFake;
import bulletin.support.TestHome;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mailjet's events come back into the suppression list: a run is really sent through a relay
 * that Bulletin knows as Mailjet (GreenMail over TLS with AUTH), and the events are read from a
 * local fake of Mailjet's REST API, paged, with a 429 on the way.
 */
@SpringBootTest
class MailjetFeedbackTest {

    static final String KEY = "mj-api-key";
    static final String SECRET = "mj-secret-0123456789";
    static final TestHome home = TestHome.create("mailjet");
    static final MailjetFake mailjet = new MailjetFake(KEY, SECRET);
    static GreenMail relay;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        home.register(registry);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMailTls.certificate();
        relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        relay.setUser("bureau@amis.example", KEY, SECRET);
        relay.start();
        String prefix = "bulletin.relays.mj.";
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", () -> port);
        registry.add(prefix + "security", () -> "ssl");
        registry.add(prefix + "provider", () -> "mailjet");
        registry.add(prefix + "username", () -> KEY);
        registry.add(prefix + "password", () -> SECRET);
        registry.add(prefix + "trust-certificate", () -> GreenMailTls.certificate().pem().toString());
        registry.add("bulletin.feedback.mailjet-api", () -> mailjet.base().toString());
        registry.add("bulletin.feedback.mailjet-retry-wait", () -> "10ms");
    }

    @AfterAll
    static void stop() {
        relay.stop();
        mailjet.close();
    }

    @Autowired
    NewsletterLauncher launcher;
    @Autowired
    MailjetFeedback feedback;
    @Autowired
    SuppressionList suppressions;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Test
    void hardBouncesComplaintsUnsubscribesAndBlocksSuppressOnceAndSoftBouncesAreCounted() throws Exception {
        // The member file writes one address in capitals; Mailjet reports it in lower case: the same person.
        List<String> members = List.of("HARD@members.example", "spam@members.example", "unsub@members.example",
                "blocked@members.example", "soft@members.example", "fine@members.example", "dmarc@members.example",
                "full@members.example", "twice@members.example");
        home.writeTemplate("letter");
        home.writeRecipients("data/mj.csv", members);
        Path job = home.writeJob("mj", "Lettre été", "data/mj.csv", 50, "mj", null);
        RunResult sent = launcher.send(job, YearMonth.of(2026, 11));
        assertThat(sent.outcome()).as(sent.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        String customId = "run" + sent.runId() + "-message1";
        assertThat(relay.getReceivedMessages()[0].getHeader("X-MJ-CustomID", null)).isEqualTo(customId);

        long campaign = 7001;
        mailjet.campaign(RelayFactory.mailjetCampaign("Lettre été 2026-11"), campaign);
        for (int i = 0; i < MailjetApi.PAGE; i++) { // a full first page of delivered messages: the events are on page two
            mailjet.message(campaign, new MailjetFake.Message(10_000 + i, "other" + i + "@members.example", "opened",
                    false, 0, customId));
        }
        // Mailjet's states (StateID): 1 user unknown, 14 preblocked, 2 mailbox inactive, 7 sender blocked,
        // 3 quota exceeded, 15 duplicate in campaign.
        mailjet.message(campaign, new MailjetFake.Message(1, "hard@members.example", "hardbounced", true, 1, customId));
        mailjet.message(campaign, new MailjetFake.Message(2, "spam@members.example", "spam", false, 0, customId));
        mailjet.message(campaign, new MailjetFake.Message(3, "unsub@members.example", "unsub", false, 0, customId));
        mailjet.message(campaign, new MailjetFake.Message(4, "blocked@members.example", "blocked", true, 14, customId));
        mailjet.message(campaign, new MailjetFake.Message(5, "soft@members.example", "softbounced", false, 2, customId));
        mailjet.message(campaign, new MailjetFake.Message(6, "fine@members.example", "sent", false, 0, customId));
        mailjet.message(campaign, new MailjetFake.Message(7, "dmarc@members.example", "hardbounced", true, 7, customId));
        mailjet.message(campaign, new MailjetFake.Message(8, "full@members.example", "hardbounced", true, 3, customId));
        mailjet.message(campaign, new MailjetFake.Message(9, "twice@members.example", "blocked", true, 15, customId));
        mailjet.answering429(1);

        List<FeedbackReport> reports = feedback.pull(false);

        assertThat(mailjet.refusedWith429()).isEqualTo(1);
        assertThat(mailjet.requests()).filteredOn(r -> r.startsWith("/v3/REST/message")).hasSizeGreaterThanOrEqualTo(2)
                .anyMatch(r -> r.contains("Offset=1000"));
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).complete()).isTrue();
        Map<String, SuppressionList.Entry> suppressed = suppressions.list().stream()
                .collect(Collectors.toMap(SuppressionList.Entry::address, e -> e));
        assertThat(suppressed.get("hard@members.example").reason()).isEqualTo(SuppressionList.Reason.BOUNCED);
        assertThat(suppressed.get("hard@members.example").source()).isEqualTo("mailjet");
        assertThat(suppressed.get("hard@members.example").runId()).isEqualTo(sent.runId());
        assertThat(suppressed.get("spam@members.example").reason()).isEqualTo(SuppressionList.Reason.COMPLAINED);
        assertThat(suppressed.get("unsub@members.example").reason()).isEqualTo(SuppressionList.Reason.UNSUBSCRIBED);
        assertThat(suppressed.get("blocked@members.example").reason()).isEqualTo(SuppressionList.Reason.BLOCKED);
        assertThat(suppressed).as("a full or inactive mailbox, the sender's problem, a duplicate, a delivery")
                .doesNotContainKeys("soft@members.example", "fine@members.example", "dmarc@members.example",
                        "full@members.example", "twice@members.example");
        assertThat(reports.get(0).campaignProblems()).isTrue();
        assertThat(reports.get(0).lines()).anySatisfy(line -> assertThat(line).startsWith("dmarc@members.example: refused"
                        + " because of the sender").contains("sender blocked"))
                .anySatisfy(line -> assertThat(line).startsWith("full@members.example: temporary failure (Mailjet quota"
                        + " exceeded").contains("1 of 3"));
        assertThat(LedgerParts.shownRow(ledger, sent.runId(), "HARD@members.example").status()).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(jdbc.sql("SELECT events FROM bulletin_mailjet_pull WHERE run_id = ?").param(sent.runId())
                .query(Integer.class).single()).isEqualTo(7);

        // Read again: every event was applied once; nothing new.
        List<FeedbackReport> again = feedback.pull(false);
        assertThat(again.get(0).lines()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE address_key = ?")
                .param("soft@members.example").query(Long.class).single()).isEqualTo(1);
    }
}
