package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.BulletinProcess;
import bulletin.support.BulletinProcess.Run;
import bulletin.support.MailboxServer;
import bulletin.support.MimeParts;
import bulletin.support.TestHome;
import bulletin.support.ThunderbirdLetters;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar takes the month's letter from the association's mailbox (GreenMail over IMAPS,
 * its certificate trusted as an operator would): the letter Thunderbird saved goes out as she wrote
 * it with the footer, leaves its folder, and a second fire sends nothing.
 */
class WrittenLetterIT {

    private final TestHome home = TestHome.create("written-it");
    private final MailboxServer mailbox = new MailboxServer();

    @AfterEach
    void stop() {
        mailbox.close();
    }

    private Run bulletin(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bulletin.mailboxes.mailbox.host=127.0.0.1",
                "--bulletin.mailboxes.mailbox.port=" + mailbox.imapsPort(),
                "--bulletin.mailboxes.mailbox.username=" + MailboxServer.USER,
                "--bulletin.mailboxes.mailbox.password=" + MailboxServer.PASSWORD,
                "--bulletin.mailboxes.mailbox.trust-certificate=" + MailboxServer.certificate().pem().toAbsolutePath()));
        return BulletinProcess.run(home, all.toArray(String[]::new));
    }

    @Test
    void theJarSendsTheLetterSavedInTheMailboxWithItsImageAndAttachmentThenFilesItAndSendsNothingTwice() throws Exception {
        ThunderbirdLetters.writeJob(home, "it", 7, "outbox");
        mailbox.save("Bulletin.À envoyer", ThunderbirdLetters.withImageAndAttachment("jar@amis.example", "La lettre de décembre"));

        Run checked = bulletin("validate", "jobs/ecrite.yml", "--period", "2026-12");
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("Letter: \"La lettre de décembre\"").contains(ThunderbirdLetters.PDF_NAME)
                .contains("secretaire@amis.example").contains("not used");

        Run sent = bulletin("send", "jobs/ecrite.yml", "--period", "2026-12");

        assertThat(sent.exitCode()).as(sent.output()).isZero();
        assertThat(sent.output()).containsPattern("SENT +7").contains("the letter went to Bulletin/Envoyés");
        List<Path> emls;
        try (Stream<Path> files = Files.list(home.path("data/outbox/lettre-ecrite/2026-12"))) {
            emls = files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(emls).hasSize(2);
        for (Path eml : emls) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(eml));
            assertThat(message.getSubject()).isEqualTo("La lettre de décembre");
            assertThat(Files.readString(eml, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secretaire@");
            List<Part> parts = MimeParts.leaves(message);
            assertThat(parts).anySatisfy(part -> assertThat(((String) part.getContent()).replace("\r\n", "\n"))
                    .contains(ThunderbirdLetters.HTML_BODY).contains("Pour ne plus la recevoir"));
            assertThat(parts).anySatisfy(part -> assertThat(part.isMimeType("text/plain")
                    && ((String) part.getContent()).contains("Pour ne plus la recevoir")).isTrue());
            ThunderbirdLetters.assertImageAndAttachmentArrived(parts);
        }
        assertThat(mailbox.folderMessages("Bulletin.À envoyer")).isEmpty();
        assertThat(mailbox.folderMessages("Bulletin.Envoyés")).hasSize(1);

        Run nextFire = bulletin("send", "jobs/ecrite.yml", "--period", "2027-01");

        assertThat(nextFire.exitCode()).as(nextFire.output()).isEqualTo(2);
        assertThat(nextFire.output()).contains("no letter in Bulletin/À envoyer").contains("Nothing was sent");
        assertThat(home.path("data/outbox/lettre-ecrite/2027-01")).doesNotExist();
    }

}
