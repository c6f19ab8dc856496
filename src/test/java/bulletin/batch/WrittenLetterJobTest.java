package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.campaign.CampaignValidator;
import bulletin.campaign.ValidationReport;
import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import bulletin.support.MailboxServer;
import bulletin.support.MimeParts;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import bulletin.support.ThunderbirdLetters;
import bulletin.text.Sentence;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The month's letter written in Thunderbird and saved in the association's mailbox is the
 * campaign: sent as she wrote it (its HTML, image and attachment byte for byte) with the job's
 * footer, in Bcc to the job's audience, frozen for restarts, filed once sent, never sent twice.
 */
@SpringBootTest
class WrittenLetterJobTest {

    static final TestHome home = TestHome.create("written");
    static final MailboxServer mailbox = new MailboxServer();
    static final ScriptedSmtpServer relay = new ScriptedSmtpServer();
    /** The folders as GreenMail names them: its separator is '.'. */
    static final String WAITING = "Bulletin.À envoyer";
    static final String FILED = "Bulletin.Envoyés";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        mailbox.registerImaps(registry, "mailbox");
        TestHome.relay(registry, "club", relay::port);
        registry.add("bulletin.notify.to", () -> "secretaire@amis.example");
        registry.add("bulletin.notify.relay", () -> "outbox");
    }

    @AfterAll
    static void stop() {
        mailbox.close();
        relay.close();
    }

    @Autowired
    NewsletterLauncher launcher;
    @Autowired
    CampaignValidator validator;
    @Autowired
    bulletin.campaign.CampaignPreview preview;

    private Path job;

    @BeforeEach
    void home() throws Exception {
        job = ThunderbirdLetters.writeJob(home, "ecrite", 12, "club");
        mailbox.empty(WAITING);
        relay.greeting("220 relay ready");
    }

    @Test
    void theLetterSheWroteGoesOutAsItIsWithTheFooterThenLeavesTheFolderAndTheNextFireSendsNothing() throws Exception {
        mailbox.save(WAITING, ThunderbirdLetters.withImageAndAttachment("decembre@amis.example", "La lettre de décembre"));

        ValidationReport checked = validator.validate(job, YearMonth.of(2026, 12));
        assertThat(checked.sendable()).as(checked.problemsInEnglish().toString()).isTrue();
        assertThat(checked.letter().stream().map(Sentence::english)).anySatisfy(line -> assertThat(line)
                .startsWith("Letter: \"La lettre de décembre\" written 2026-12-03 10:05").contains("Bulletin/À envoyer"))
                .anySatisfy(line -> assertThat(line).contains(ThunderbirdLetters.PDF_NAME))
                .anySatisfy(line -> assertThat(line).contains("secretaire@amis.example").contains("not used"));
        int before = relay.accepted().size();

        RunResult sent = launcher.send(job, YearMonth.of(2026, 12));

        assertThat(sent.outcome()).as(sent.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(sent.counts().get(DeliveryStatus.SENT)).isEqualTo(12);
        List<ScriptedSmtpServer.Transaction> messages = relay.accepted().subList(before, relay.accepted().size());
        assertThat(messages).hasSize(3);
        assertThat(messages.stream().flatMap(message -> message.recipients().stream()))
                .containsExactlyInAnyOrderElementsOf(TestHome.members("ecrite", 12));
        for (ScriptedSmtpServer.Transaction transaction : messages) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(transaction.data().getBytes(StandardCharsets.ISO_8859_1)));
            assertThat(message.getSubject()).isEqualTo("La lettre de décembre");
            assertThat(message.getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
            assertThat(transaction.data()).doesNotContain("secretaire@amis.example").doesNotContain("X-Mozilla-Draft-Info");
            List<Part> parts = MimeParts.leaves(message);
            assertThat(parts).anySatisfy(part -> {
                assertThat(part.isMimeType("text/html")).isTrue();
                String html = ((String) part.getContent()).replace("\r\n", "\n");
                assertThat(html).contains(ThunderbirdLetters.HTML_BODY).contains("Pour ne plus la recevoir");
                assertThat(html.indexOf("Pour ne plus la recevoir")).isLessThan(html.indexOf("</body>"));
            });
            assertThat(parts).anySatisfy(part -> {
                assertThat(part.isMimeType("text/plain")).isTrue();
                assertThat((String) part.getContent()).contains("la taille des rosiers")
                        .contains("-- \r\nVous recevez cette lettre").contains("Pour ne plus la recevoir");
            });
            ThunderbirdLetters.assertImageAndAttachmentArrived(parts);
        }
        // Filed once sent: the next month's fire finds the folder empty, and sends nothing.
        assertThat(mailbox.folderMessages(WAITING)).isEmpty();
        assertThat(mailbox.folderMessages(FILED)).hasSize(1);

        RunResult nextMonth = launcher.send(job, YearMonth.of(2027, 1));

        assertThat(nextMonth.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(nextMonth.problemIsInput()).isTrue();
        assertThat(nextMonth.problem()).contains("no letter in Bulletin/À envoyer of mailbox 'mailbox'");
        assertThat(relay.accepted().size()).isEqualTo(before + 3);
        // The secretary is told, in her language, by the run's notice (bulletin.notify.to).
        assertThat(notices()).anySatisfy(notice -> assertThat(notice).contains("lettre-ecrite")
                .contains("aucune lettre dans Bulletin/À envoyer de la boîte aux lettres 'mailbox'"));
    }

    @Test
    void aTestCopyIsTheLetterAsTheMembersWillSeeItAndTouchesNoRun() throws Exception {
        mailbox.save(WAITING, ThunderbirdLetters.withImageAndAttachment("test@amis.example", "Avant l'envoi"));
        int before = relay.accepted().size();

        String reply = preview.sendTest(job, YearMonth.of(2027, 4), "relecture@amis.example");

        assertThat(reply).startsWith("club: 250");
        ScriptedSmtpServer.Transaction copy = relay.accepted().get(before);
        assertThat(copy.recipients()).containsExactly("relecture@amis.example");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(copy.data().getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(message.getSubject()).isEqualTo("[TEST] Avant l'envoi");
        List<Part> parts = MimeParts.leaves(message);
        assertThat(parts).anySatisfy(part -> assertThat(part.getInputStream().readAllBytes()).isEqualTo(ThunderbirdLetters.PDF));
        assertThat(parts).anySatisfy(part -> assertThat(part.getInputStream().readAllBytes()).isEqualTo(ThunderbirdLetters.logo()));
        assertThat(mailbox.folderMessages(WAITING)).as("a test copy takes and files nothing").hasSize(1);
    }

    /** The notices sent to the secretary, as text (the outbox keeps them). */
    private static List<String> notices() throws Exception {
        Path folder = home.path("data/outbox/notices");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path eml : files.filter(file -> file.toString().endsWith(".eml")).toList()) {
                MimeMessage notice = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(eml));
                List<Part> parts = MimeParts.leaves(notice);
                for (Part part : parts) {
                    if (part.isMimeType("text/plain")) {
                        texts.add((String) part.getContent());
                    }
                }
            }
        }
        return texts;
    }

    @Test
    void theRunFreezesItsLetterSoThatARestartSendsItEvenWhenTheDraftWasEditedOrDeleted() throws Exception {
        mailbox.save(WAITING, ThunderbirdLetters.plainText("fevrier@amis.example", "La lettre de février"));
        relay.greeting("421 4.3.2 service not available, closing channel");

        RunResult failed = launcher.send(job, YearMonth.of(2027, 2));

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.counts().get(DeliveryStatus.PENDING)).isEqualTo(12);
        // She deletes her draft and writes another one meanwhile: the run keeps the letter it took.
        mailbox.empty(WAITING);
        mailbox.save(WAITING, ThunderbirdLetters.plainText("autre@amis.example", "Une autre lettre"));
        relay.greeting("220 back");
        int before = relay.accepted().size();

        RunResult resumed = launcher.send(job, YearMonth.of(2027, 2));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        List<ScriptedSmtpServer.Transaction> messages = relay.accepted().subList(before, relay.accepted().size());
        assertThat(messages).hasSize(3).allSatisfy(transaction -> assertThat(new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(transaction.data()
                        .getBytes(StandardCharsets.ISO_8859_1))).getSubject()).isEqualTo("La lettre de février"));
        // The other letter waits for its own month.
        assertThat(mailbox.folderMessages(WAITING)).singleElement()
                .satisfies(stored -> assertThat(stored.getMimeMessage().getSubject()).isEqualTo("Une autre lettre"));
    }

    @Test
    void twoLettersInTheFolderAreRefusedByNameAndNothingIsSent() {
        mailbox.save(WAITING, ThunderbirdLetters.plainText("un@amis.example", "Brouillon un"));
        mailbox.save(WAITING, ThunderbirdLetters.plainText("deux@amis.example", "Brouillon deux"));

        ValidationReport checked = validator.validate(job, YearMonth.of(2027, 3));

        assertThat(checked.sendable()).isFalse();
        assertThat(checked.problemsInEnglish()).anySatisfy(problem -> assertThat(problem)
                .startsWith("2 letters in Bulletin/À envoyer: \"Brouillon un\" of").contains("\"Brouillon deux\" of")
                .contains("leave only the one to send there"));
    }

    @Test
    void aJobNamesEitherTheMailboxOrATemplateAndNeverTheInbox() {
        Path both = home.write("jobs/both.yml", "name: both\nfrom: a@amis.example\ntemplate: letter\ncontent:\n  mailbox: mailbox\n"
                + "recipients: [data/members.csv]\nrelay: club\n");
        Path inbox = home.write("jobs/inbox.yml", "name: inbox\nfrom: a@amis.example\ncontent:\n  folder: INBOX\n"
                + "recipients: [data/members.csv]\nrelay: club\n");

        assertThat(validator.validate(both, YearMonth.of(2027, 3)).problemsInEnglish()).singleElement()
                .satisfies(problem -> assertThat(problem).contains("both.yml:3").contains("remove 'template'"));
        assertThat(validator.validate(inbox, YearMonth.of(2027, 3)).problemsInEnglish()).singleElement()
                .satisfies(problem -> assertThat(problem).contains("inbox.yml:4").contains("anyone can write to the inbox"));
    }

}
