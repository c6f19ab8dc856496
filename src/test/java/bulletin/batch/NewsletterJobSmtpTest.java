package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.run.RunResult;
import bulletin.support.SmtpServer;
import bulletin.support.TestHome;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole job against a real SMTP server (GreenMail) and the real HSQLDB file database. */
@SpringBootTest
class NewsletterJobSmtpTest {

    static final TestHome home = TestHome.create("smtp");
    static final SmtpServer smtp = new SmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        TestHome.relay(registry, "greenmail", smtp::port);
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @BeforeEach
    void startServer() {
        smtp.stop();
        smtp.start();
        home.writeTemplate("letter");
    }

    @AfterAll
    static void stopServer() {
        smtp.stop();
    }

    @Test
    void sendsTwentyFiveRecipientsAsThreeBccMessagesOfTenTenAndFive() throws Exception {
        List<String> members = TestHome.members("member", 25);
        home.writeRecipients("data/members.csv", members);
        Path job = home.writeJob("monthly", "monthly", "data/members.csv", 10, "greenmail", null);

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(smtp.messageIds()).hasSize(3);
        assertThat(smtp.deliveriesByRecipient())
                .containsOnlyKeys(members)
                .allSatisfy((address, count) -> assertThat(count).as(address).isEqualTo(1));
        Map<String, Long> recipientsPerMessage = smtp.copies().stream()
                .collect(Collectors.groupingBy(SmtpServer::messageId, Collectors.counting()));
        assertThat(recipientsPerMessage.values()).containsExactlyInAnyOrder(10L, 10L, 5L);

        for (MimeMessage copy : smtp.copies()) {
            List<String> headers = SmtpServer.headerLines(copy);
            assertThat(headers).noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4));
            assertThat(headers).anyMatch(line -> line.equals("To: undisclosed-recipients:;"));
            for (String member : members) {
                assertThat(String.join("\n", headers)).doesNotContainIgnoringCase(member);
            }
        }

        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(25);
        assertThat(auditRows(result.runId())).hasSize(25).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(row.campaign()).isEqualTo("monthly");
            assertThat(row.period()).isEqualTo("2026-11");
            assertThat(row.executionId()).isEqualTo(result.executionId());
            assertThat(row.messageNo()).isNotNull();
            assertThat(row.messageId()).endsWith("@amis.example>");
            assertThat(row.relayReply()).startsWith("250");
            assertThat(row.updatedAt()).isNotNull();
        });
        assertThat(auditRows(result.runId()).stream().map(AuditRow::address).toList())
                .containsExactlyElementsOf(members);
        assertThat(jdbc.sql("SELECT status FROM bulletin_recipient WHERE run_id = ?").param(result.runId()).query(String.class)
                .list()).as("no recipient row written after staging: each message's answer is on its transaction's row")
                .hasSize(25).containsOnly("PENDING");
        assertThat(jdbc.sql("SELECT usual_status || ' ' || usual_count FROM bulletin_transaction WHERE run_id = ?"
                + " ORDER BY message_no").param(result.runId()).query(String.class).list())
                .containsExactly("SENT 10", "SENT 10", "SENT 5");
    }

    @Test
    void aSecondLaunchOfACompletedCampaignAndPeriodSendsNothing() {
        home.writeRecipients("data/again.csv", TestHome.members("again", 25));
        Path job = home.writeJob("again", "again", "data/again.csv", 10, "greenmail", null);
        RunResult first = launcher.send(job, YearMonth.of(2026, 10));
        assertThat(first.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        smtp.reset();

        RunResult second = launcher.send(job, YearMonth.of(2026, 10));

        assertThat(second.outcome()).isEqualTo(RunResult.Outcome.ALREADY_COMPLETED);
        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(smtp.copies()).isEmpty();
        assertThat(auditRows(first.runId())).hasSize(25);

        RunResult nextMonth = launcher.send(job, YearMonth.of(2026, 11));
        assertThat(nextMonth.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(nextMonth.runId()).isNotEqualTo(first.runId());
        assertThat(smtp.messageIds()).hasSize(3);
    }

    @Test
    void showsTheSenderInToWhenTheJobAsksForIt() {
        List<String> members = TestHome.members("visible", 3);
        home.writeRecipients("data/visible.csv", members);
        Path job = home.writeJob("visible", "visible", "data/visible.csv", 10, "greenmail", "visible-to: sender");

        launcher.send(job, YearMonth.of(2026, 11));

        assertThat(smtp.copies()).hasSize(3).allSatisfy(copy -> {
            List<String> headers = SmtpServer.headerLines(copy);
            assertThat(headers).contains("To: Les Amis <bureau@amis.example>");
            members.forEach(member -> assertThat(String.join("\n", headers)).doesNotContain(member));
        });
    }

    /** The run's rows as the audit reads them. */
    private List<AuditRow> auditRows(long runId) {
        return LedgerParts.shown(ledger, runId);
    }
}
