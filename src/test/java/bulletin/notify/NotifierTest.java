package bulletin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.batch.NewsletterLauncher;
import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.SmtpServer;
import bulletin.support.TestHome;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The secretary is told: each run attempt ends with one short mail to bulletin.notify.to, in
 * French (bulletin.locale's default), through the mailbox relay (here a GreenMail server), with
 * the run's report attached; a notice that cannot be sent never changes the run's outcome.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class NotifierTest {

    static final String SECRETARY = "secretaire@amis.example";
    static final TestHome home = TestHome.create("notify");
    static final SmtpServer mailbox = new SmtpServer();
    static final ScriptedSmtpServer down = new ScriptedSmtpServer();
    static final ScriptedSmtpServer bulk = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        mailbox.start();
        TestHome.relay(registry, "notices", mailbox::port);
        TestHome.relay(registry, "down", down::port);
        TestHome.relay(registry, "bulk", bulk::port);
        registry.add("bulletin.notify.to", () -> SECRETARY);
        registry.add("bulletin.notify.relay", () -> "notices");
    }

    @AfterAll
    static void stop() {
        mailbox.stop();
        down.close();
        bulk.close();
    }

    @Autowired
    NewsletterLauncher launcher;
    @Autowired
    Notifier notifier;
    @Autowired
    NotifySettings settings;
    @Autowired
    bulletin.relay.RelayFactory relays;
    @Autowired
    bulletin.home.Locality locality;
    @Autowired
    bulletin.home.Workspace workspace;

    @BeforeEach
    void empty() {
        mailbox.reset();
    }

    private Path job(String name, int members, String relay) {
        home.writeTemplate("letter");
        home.writeRecipients("data/" + name + ".csv", TestHome.members(name, members));
        return home.writeJob(name, name, "data/" + name + ".csv", 5, relay, null);
    }

    /** The notice's words: the whole message, or its first part when the report is attached. */
    private static String text(MimeMessage notice) throws Exception {
        Object content = notice.getContent();
        return content instanceof Multipart parts ? (String) parts.getBodyPart(0).getContent() : (String) content;
    }

    @Test
    void aCompletedRunIsToldOnceInFrenchWithItsReportAttached() throws Exception {
        RunResult result = launcher.send(job("told", 12, "bulk"), YearMonth.of(2026, 11));
        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);

        List<MimeMessage> notices = mailbox.deliveriesTo(SECRETARY);
        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.getSubject()).isEqualTo("Bulletin : told 2026-11 envoyée à 12 destinataires");
            assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            assertThat(text(notice)).contains("La lettre told de 2026-11 a été envoyée : 12 destinataires.")
                    .contains("SENT").contains("Le rapport de l'envoi est joint");
            BodyPart page = ((Multipart) notice.getContent()).getBodyPart(1);
            assertThat(page.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(page.getFileName()).endsWith(".html");
            assertThat(new String(page.getInputStream().readAllBytes())).contains("<h1>Lettre 2026-11</h1>");
        });

        RunResult again = launcher.send(job("told", 12, "bulk"), YearMonth.of(2026, 11));
        assertThat(again.outcome()).isEqualTo(RunResult.Outcome.ALREADY_COMPLETED);
        assertThat(mailbox.deliveriesTo(SECRETARY)).as("nothing happened: nothing to tell").hasSize(1);
    }

    @Test
    void aFailedRunIsToldWithWhatWasKeptAndTheCommandThatResumesIt() throws Exception {
        down.greeting("421 4.3.2 service not available");

        RunResult failed = launcher.send(job("failing", 7, "down"), YearMonth.of(2026, 11));

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(mailbox.deliveriesTo(SECRETARY)).singleElement().satisfies(notice -> {
            assertThat(notice.getSubject()).isEqualTo("Bulletin : ÉCHEC de failing 2026-11");
            assertThat(text(notice)).contains("L'envoi de la lettre failing de 2026-11 a échoué : impossible de se connecter au relais down")
                    .contains("Gardé : 0 envoyés, 7 encore à envoyer.")
                    .contains("bulletin restart " + failed.runId() + " (ou la même commande d'envoi)");
        });
        assertThat(failed.counts().get(DeliveryStatus.PENDING)).isEqualTo(7);
    }

    /** A mailbox down all day, read every quarter of an hour by cron: one mail that day, whichever process met it. */
    @Test
    void troubleWithWhatRunsUnattendedIsToldOnceADayPerKind() throws Exception {
        notifier.failed("mailbox", "cannot reach mailbox 'mailbox' (imap ssl0.ovh.net:993 (ssl)): Connection refused");
        notifier.failed("mailbox", "cannot reach mailbox 'mailbox' (imap ssl0.ovh.net:993 (ssl)): Connection refused");
        new Notifier(settings, relays, locality, workspace).failed("mailbox", "the same, from another process");
        notifier.failed("mailjet", "cannot reach Mailjet's API at https://api.mailjet.com (its host name does not resolve)");

        List<MimeMessage> notices = mailbox.deliveriesTo(SECRETARY);
        assertThat(notices).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Bulletin : échec de la lecture des retours de la boîte",
                "Bulletin : échec de la lecture des événements Mailjet");
        assertThat(text(notices.stream().filter(n -> {
            try {
                return n.getSubject().contains("boîte");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow())).contains("Bulletin n'a pas pu faire la lecture des retours de la boîte : cannot"
                + " reach mailbox").contains("au plus une fois par jour");
    }

    @Test
    void aNoticeThatCannotBeSentNeverChangesTheRunsOutcome(CapturedOutput output) {
        mailbox.stop();
        try {
            RunResult result = launcher.send(job("unheard", 6, "bulk"), YearMonth.of(2026, 11));

            assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
            assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(6);
            // said on the terminal in bulletin.locale's language (fr-FR)
            assertThat(output.getAll()).contains("L'avis (envoi " + result.runId() + ") n'a pas pu être envoyé par le relais"
                    + " 'notices'").contains("ce dont il rend compte n'en est pas affecté");
        } finally {
            mailbox.start();
        }
    }
}
