package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.SmtpServer;
import bulletin.support.TestHome;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Failures before or during sending leave a run that a second launch resumes, mailing nobody twice. */
@SpringBootTest
class NewsletterRestartTest {

    static final TestHome home = TestHome.create("restart");
    static final SmtpServer smtp = new SmtpServer();
    static final ScriptedSmtpServer scripted = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        TestHome.relay(registry, "greenmail", smtp::port);
        registry.add("bulletin.relays.greenmail.connect-timeout", () -> "2s");
        TestHome.relay(registry, "scripted", scripted::port);
    }

    @AfterAll
    static void stopScripted() {
        scripted.close();
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    RunStatuses statuses;

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    @Test
    void aMissingTemplateVariableFailsTheRenderStepWithNothingSentAndAFixedRunResumes() {
        smtp.start();
        home.writeTemplate("letter");
        home.write("templates/letter.html.mustache", "<p>Bonjour</p>\n<p>{{ associaton }}</p>\n");
        List<String> members = TestHome.members("render", 12);
        home.writeRecipients("data/render.csv", members);
        Path job = home.writeJob("render", "render", "data/render.csv", 5, "greenmail", null);

        RunResult failed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.problemIsInput()).isTrue();
        assertThat(failed.problem()).contains("letter.html.mustache", "line 2", "'associaton'");
        assertThat(smtp.copies()).isEmpty();
        assertThat(failed.counts().get(DeliveryStatus.PENDING)).isEqualTo(12);

        home.writeTemplate("letter");
        RunResult resumed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.counts().get(DeliveryStatus.SENT)).isEqualTo(12);
        assertThat(smtp.deliveriesByRecipient()).containsOnlyKeys(members).allSatisfy((a, n) -> assertThat(n).isEqualTo(1));
        assertThat(smtp.messageIds()).hasSize(3);
    }

    @Test
    void aRelayThatIsDownFailsTheRunWithEveryoneStillPendingAndARelaunchSendsEachOnce() {
        home.writeTemplate("letter");
        List<String> members = TestHome.members("down", 7);
        home.writeRecipients("data/down.csv", members);
        Path job = home.writeJob("down", "down", "data/down.csv", 3, "greenmail", null);

        RunResult failed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.problemIsInput()).isFalse();
        assertThat(failed.problem()).contains("cannot connect to relay greenmail 127.0.0.1:" + smtp.port());
        assertThat(failed.counts().get(DeliveryStatus.PENDING)).isEqualTo(7);
        assertThat(failed.counts().get(DeliveryStatus.SENDING)).isZero();

        smtp.start();
        RunResult resumed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.counts().get(DeliveryStatus.SENT)).isEqualTo(7);
        assertThat(smtp.deliveriesByRecipient()).containsOnlyKeys(members).allSatisfy((a, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aChunkWhoseAnswerWasLostIsInDoubtAndNotSentAgainWhileTheRestIsSentOnce() {
        home.writeTemplate("letter");
        List<String> members = TestHome.members("doubt", 10);
        home.writeRecipients("data/doubt.csv", members);
        Path job = home.writeJob("doubt", "doubt", "data/doubt.csv", 3, "scripted", null);
        scripted.droppingBeforeAnsweringDataOfMessage(2);

        RunResult first = launcher.send(job, YearMonth.of(2026, 11));

        // The lost answer puts its message in doubt at once; the run goes on with the rest.
        assertThat(first.outcome()).as(first.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(first.counts().get(DeliveryStatus.SENT)).isEqualTo(7);
        assertThat(first.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(3);
        assertThat(first.counts().get(DeliveryStatus.SENDING)).isZero();

        RunResult resumed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).isEqualTo(RunResult.Outcome.ALREADY_COMPLETED);
        assertThat(resumed.runId()).isEqualTo(first.runId());
        assertThat(resumed.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(3);
        assertThat(resumed.counts().allSent()).isFalse();
        // The relay did take the in-doubt message: everyone arrived exactly once.
        assertThat(scripted.acceptedRecipients()).containsExactlyInAnyOrderElementsOf(members);
        // Messages are numbered in sending order (Message-ID <run.message.exec...>), the lost one included.
        assertThat(scripted.accepted()).extracting(t -> {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("Message-ID: <\\d+\\.(\\d{6})\\.").matcher(t.data());
            return id.find() ? Integer.parseInt(id.group(1)) : -1;
        }).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aMissingRecipientFileIsRefusedBeforeAnyRunExistsNamingTheFile() {
        smtp.start();
        home.writeTemplate("letter");
        Path job = home.writeJob("nofile", "nofile", "data/does-not-exist.csv", 3, "greenmail", null);

        assertThatThrownBy(() -> launcher.send(job, YearMonth.of(2026, 11)))
                .isInstanceOf(bulletin.audience.AudienceException.class)
                .hasMessageContaining("does-not-exist.csv").hasMessageContaining("no such recipient file");
        assertThat(statuses.runs("nofile")).as("no FAILED run to abandon").isEmpty();
        assertThat(smtp.copies()).isEmpty();
    }

    @Test
    void anAudienceWithNoValidAddressFailsBeforeSendingAndRecordsEachRowsReason() {
        smtp.start();
        home.writeTemplate("letter");
        home.write("data/bad.csv", "email,name\nnot-an-address,Alice\n@example.org,Bob\n");
        Path job = home.writeJob("bad", "bad", "data/bad.csv", 3, "greenmail", null);

        RunResult failed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.problemIsInput()).isTrue();
        assertThat(failed.problem()).contains("audience is empty");
        assertThat(smtp.copies()).isEmpty();
    }
}
