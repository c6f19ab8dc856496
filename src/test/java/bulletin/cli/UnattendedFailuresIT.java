package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.BulletinProcess;
import bulletin.support.BulletinProcess.Run;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestCertificate;
import bulletin.support.TestHome;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every expected failure as the secretary (or cron's mail) sees it through the packaged jar: one
 * sentence saying what happened, what was kept and what to run next — never a stack trace, which
 * goes to data/logs/ instead (and to the terminal with --debug).
 */
class UnattendedFailuresIT {

    private static final int MEMBERS = 25;

    private final TestHome home = TestHome.create("unattended");
    private final ScriptedSmtpServer relay = new ScriptedSmtpServer();

    @AfterEach
    void stop() {
        relay.close();
    }

    private Run send(String period, int port, String security, String... more) throws Exception {
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", TestHome.members("u", MEMBERS));
        home.writeJob("news", "news", "data/members.csv", 5, "rec", null);
        List<String> args = new ArrayList<>(List.of("send", "jobs/news.yml", "--period", period,
                "--bulletin.relays.rec.host=127.0.0.1", "--bulletin.relays.rec.port=" + port,
                "--bulletin.relays.rec.security=" + security, "--bulletin.relays.rec.retry.initial-backoff=2ms"));
        args.addAll(List.of(more));
        return BulletinProcess.run(home, args.toArray(String[]::new));
    }

    private static void assertOneSentenceNoTrace(Run run, String sentence) {
        assertThat(run.output()).as(run.output()).contains(sentence)
                .doesNotContain("Caused by").doesNotContain("Exception:").doesNotContain("Chunk write failed");
        assertThat(run.output().lines()).as(run.output()).noneMatch(line -> line.matches("\\s+at .*"));
    }

    private String logFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(home.path("data/logs"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @Test
    void aLostAnswerPutsOneMessageInDoubtAndTheRunCompletesWithExit3AndTheNextCommands() throws Exception {
        relay.droppingBeforeAnsweringDataOfMessage(2);

        Run run = send("2026-11", relay.port(), "none");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertOneSentenceNoTrace(run, "completed.");
        assertThat(run.output()).containsPattern("SENT +20").containsPattern("IN_DOUBT +5")
                .contains("bulletin audit 1 --state IN_DOUBT").contains("bulletin restart 1 --resend-in-doubt")
                .doesNotContain("SENDING");
        assertThat(relay.acceptedRecipients()).hasSize(MEMBERS).doesNotHaveDuplicates();
    }

    @Test
    void aRelayThatIsDownFailsTheRunInOneSentenceKeepingEveryoneAndTheTraceGoesToTheLogFile() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        Run run = send("2026-11", closed, "none");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertOneSentenceNoTrace(run, "cannot connect to relay rec");
        assertThat(run.output()).contains("Kept: 0 sent, 25 still to send").contains("bulletin restart 1");
        assertThat(logFiles()).contains("cannot connect to relay rec").containsPattern("\\n\\s+at ");

        Run debug = send("2026-11", closed, "none", "--debug");
        assertThat(debug.exitCode()).isEqualTo(1);
        assertThat(debug.output().lines()).as("--debug shows the trace").anyMatch(line -> line.matches("\\s+at .*"));
    }

    /** A relay capping recipients per message at 10, messages of 25: the cap is learnt once, no backoff, no failure. */
    @Test
    void aRelaysCapOfRecipientsPerMessageIsLearntOnceAndCostsNoRetry() throws Exception {
        relay.limitingRecipientsPerTransaction(10);
        home.writeTemplate("letter");
        home.writeRecipients("data/many.csv", TestHome.members("cap", 50));
        home.writeJob("many", "many", "data/many.csv", 25, "rec", null);

        Run run = BulletinProcess.run(home, "send", "jobs/many.yml", "--period", "2026-11",
                "--bulletin.relays.rec.host=127.0.0.1", "--bulletin.relays.rec.port=" + relay.port(),
                "--bulletin.relays.rec.security=none");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("SENT +50").contains("takes at most 10 recipients per message")
                .doesNotContain("trying again");
        assertThat(relay.tooManyRecipientsAnswers()).as("only the first message met the cap").isEqualTo(15);
        assertThat(relay.acceptedRecipients()).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    void aTestCopyThatTheRelayRefusesSaysSoWithTheRelaysWordsAndIsTriedOnce() throws Exception {
        relay.answeringMailFrom("530 5.7.0 Authentication required");

        Run run = send("2026-11", relay.port(), "none", "--test-to", "essai@example.org");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertOneSentenceNoTrace(run, "530 5.7.0 Authentication required");
        assertThat(run.output()).doesNotContain("Test copy sent").contains("check its user name and password");
        assertThat(relay.mailCommands()).as("530 is fatal: one try").isEqualTo(1);
    }

    @Test
    void aTestCopyTheRelayTakesSaysSent() throws Exception {
        Run run = send("2026-11", relay.port(), "none", "--test-to", "essai@example.org");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Test copy sent to essai@example.org");
        assertThat(relay.acceptedRecipients()).containsExactly("essai@example.org");
    }

    /** validate names the relay a run would use, and --connect proves the login before the 1st of the month. */
    @Test
    void validateNamesTheRelayAndConnectProvesTheLoginWithoutSending() throws Exception {
        TestCertificate certificate = TestCertificate.create(home.path("tls"), "localhost");
        relay.withTls(certificate.serverContext()).withCredentials("apikey", "s3cret-key");
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", TestHome.members("v", MEMBERS));
        home.writeJob("news", "news", "data/members.csv", 5, "rec", null);
        List<String> relayArgs = List.of("--bulletin.relays.rec.host=localhost", "--bulletin.relays.rec.port=" + relay.port(),
                "--bulletin.relays.rec.security=starttls", "--bulletin.relays.rec.username=apikey",
                "--bulletin.relays.rec.trust-certificate=" + certificate.pem());

        List<String> args = new ArrayList<>(List.of("validate", "jobs/news.yml", "--connect"));
        args.addAll(relayArgs);
        Run good = BulletinProcess.run(home, concat(args, "--bulletin.relays.rec.password=s3cret-key"));
        Run bad = BulletinProcess.run(home, concat(args, "--bulletin.relays.rec.password=wrong"));

        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("Relay:   rec localhost:" + relay.port() + " (starttls), logs in as 'apikey'")
                .contains("named in the job file").contains("accepted the login").contains("Nothing was sent")
                .doesNotContain("s3cret-key");
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(2);
        assertOneSentenceNoTrace(bad, "Connection FAILED: relay rec");
        assertThat(bad.output()).contains("refused the credentials").doesNotContain("wrong");
        assertThat(logFiles()).as("the log never holds a password").doesNotContain("s3cret-key").doesNotContain("=wrong");
        assertThat(relay.mailCommands()).as("a handshake sends nothing").isZero();
        assertThat(relay.authAttempts()).as("one login each, never retried").isEqualTo(2);
    }

    /** A relay profile that cannot work is refused before staging: no FAILED run is left behind. */
    @Test
    void aBadRelayProfileIsRefusedBeforeAnyRunExists() throws Exception {
        TestCertificate expired = TestCertificate.expired(home.path("tls"), "localhost");

        Run mailjet = send("2026-11", relay.port(), "starttls", "--bulletin.relays.rec.host=in-v3.mailjet.com");
        Run pinned = send("2026-11", relay.port(), "starttls", "--bulletin.relays.rec.trust-certificate=" + expired.pem());

        assertThat(mailjet.exitCode()).as(mailjet.output()).isEqualTo(2);
        assertOneSentenceNoTrace(mailjet, "is Mailjet, which needs its API key and secret key");
        assertThat(pinned.exitCode()).as(pinned.output()).isEqualTo(2);
        assertOneSentenceNoTrace(pinned, "is valid only from ");
        assertThat(pinned.output()).contains("it has expired");
        assertThat(BulletinProcess.run(home, "status").output()).contains("No runs yet.");
    }

    /** "Three addresses, now": bare addresses and --var; a one-off that cannot be sent leaves nothing behind. */
    @Test
    void aOneOffToThreeBareAddressesIsSentAndABrokenOneLeavesNothing() throws Exception {
        home.writeTemplate("letter");
        List<String> oneOff = List.of("send", "--to", "a@amis.example", "b@amis.example", "c@amis.example",
                "--template", "letter", "--subject", "Réunion", "--from", "Bureau <bureau@amis.example>", "--relay", "rec",
                "--name", "reunion", "--bulletin.relays.rec.host=127.0.0.1", "--bulletin.relays.rec.port=" + relay.port(),
                "--bulletin.relays.rec.security=none");

        Run broken = BulletinProcess.run(home, oneOff.toArray(String[]::new)); // {{association}} has no value
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(2);
        assertOneSentenceNoTrace(broken, "association");
        assertThat(home.path("data/oneoff")).isEmptyDirectory();
        assertThat(BulletinProcess.run(home, "status").output()).contains("No runs yet.");

        Run sent = BulletinProcess.run(home, concat(oneOff, "--var=association=Les Amis"));
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        assertThat(sent.output()).containsPattern("SENT +3");
        assertThat(relay.acceptedRecipients()).containsExactlyInAnyOrder("a@amis.example", "b@amis.example", "c@amis.example");
    }

    /** What the security probe found at the edges of the recipient files. */
    @Test
    void filesThatAreNotRecipientFilesAreNamedWithoutEchoingTheirContent() throws Exception {
        home.writeTemplate("letter");
        home.write("data/shadow", "root:$y$j9T$secretHASHsecretHASH:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
        Files.write(home.path("data/binary.csv"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0xC3, 0x28, 10});
        Files.createDirectories(home.path("data/folder.csv"));
        home.write("data/breaks.csv", "Nom,Email\nDupont,\"dupont@example.org\nrm -rf /\"\nMartin,martin@example.org\n");
        for (String name : List.of("shadow", "binary.csv", "folder.csv", "breaks.csv")) {
            home.writeJob(name.replace('.', '-'), "c", "data/" + name, 5, "outbox", null);
        }
        home.writeJob("device", "c", "/dev/null", 5, "outbox", null);

        Run shadow = BulletinProcess.run(home, "validate", "jobs/shadow.yml");
        Run binary = BulletinProcess.run(home, "validate", "jobs/binary-csv.yml");
        Run folder = BulletinProcess.run(home, "send", "jobs/folder-csv.yml");
        Run device = BulletinProcess.run(home, "send", "jobs/device.yml");
        Run breaks = BulletinProcess.run(home, "validate", "jobs/breaks-csv.yml");

        assertThat(shadow.exitCode()).isEqualTo(2);
        assertThat(shadow.output()).contains("data/shadow").contains("no address column").doesNotContain("secretHASH")
                .doesNotContain("root:");
        assertThat(binary.exitCode()).isEqualTo(2);
        assertThat(binary.output()).contains("data/binary.csv").contains("not valid UTF-8");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertOneSentenceNoTrace(folder, "is a folder, not a recipient file");
        assertThat(device.exitCode()).isEqualTo(2);
        assertOneSentenceNoTrace(device, "is not a regular file");
        assertThat(breaks.output()).as("one problem, one line").contains("dupont@example.org\\nrm -rf /");
        assertThat(BulletinProcess.run(home, "status").output()).as("no run left behind").contains("No runs yet.");
    }

    /** No dead ends and no small lies, as the secretary meets them. */
    @Test
    void abandonSaysHowToSendThePeriodAfterAllAndTheSmallCommandsTellTheTruth() throws Exception {
        home.writeTemplate("letter");
        // Outlook writes "Dupont, Marie <…>": one member, not an invalid row.
        home.write("data/members.csv", "Nom,Email\nDupont,\"Dupont, Marie <marie@example.org>\"\nMartin,paul@example.org\n");
        home.writeJob("news", "news", "data/members.csv", 5, "rec", null);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        List<String> down = List.of("--bulletin.relays.rec.host=127.0.0.1", "--bulletin.relays.rec.port=" + closed,
                "--bulletin.relays.rec.security=none", "--bulletin.relays.rec.retry.initial-backoff=2ms");
        List<String> up = List.of("--bulletin.relays.rec.host=127.0.0.1", "--bulletin.relays.rec.port=" + relay.port(),
                "--bulletin.relays.rec.security=none");

        List<String> send = new ArrayList<>(List.of("send", "jobs/news.yml", "--period", "2026-11"));
        Run failed = BulletinProcess.run(home, concat(send, down));
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        Run abandon = BulletinProcess.run(home, "abandon", "1");
        assertThat(abandon.output()).contains("bulletin send jobs/news.yml --period 2026-11 --new-run");
        send.add("--new-run");
        Run again = BulletinProcess.run(home, concat(send, up));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).containsPattern("SENT +2");
        assertThat(relay.acceptedRecipients()).containsExactlyInAnyOrder("marie@example.org", "paul@example.org");

        home.write("data/unsubscribed.txt", "gone@example.org\nnot an address\n");
        Run imported = BulletinProcess.run(home, "suppress", "import", "data/unsubscribed.txt");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("data/unsubscribed.txt:2: not an address, skipped");

        home.write("data/lists/a.yml", "name: A\nnickname: a\nmembers: [a@example.org]\ninclude:\n  - list: a\n");
        Run lists = BulletinProcess.run(home, "lists");
        assertThat(lists.exitCode()).isEqualTo(2);
        assertThat(lists.output()).contains("cannot be sent to: ").contains("cycle");

        Run preview = BulletinProcess.run(home, concat(List.of("preview", "jobs/news.yml", "--out", "preview"), up));
        assertThat(preview.output()).contains("nothing was sent; the message is written below").doesNotContain("or written");
    }

    private static String[] concat(List<String> args, List<String> more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(more);
        return all.toArray(String[]::new);
    }

    private static String[] concat(List<String> args, String more) {
        List<String> all = new ArrayList<>(args);
        if (more != null) {
            all.add(more);
        }
        return all.toArray(String[]::new);
    }

    @Test
    void aRelayRefusingEveryoneStopsAtTheFailureRateInOneSentence() throws Exception {
        relay.answeringRcpt(address -> "550 5.7.1 relaying denied");

        Run run = send("2026-11", relay.port(), "none");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertOneSentenceNoTrace(run, "bulletin.send.max-failure-rate");
    }

    @Test
    void aCertificateThatDoesNotVerifyFailsInOneSentence() throws Exception {
        relay.withTls(TestCertificate.create(home.path("tls"), "localhost").serverContext());

        Run run = send("2026-11", relay.port(), "starttls");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertOneSentenceNoTrace(run, "the TLS connection to relay rec");
        assertThat(run.output()).contains("Kept: 0 sent, 25 still to send");
    }

    /** STARTTLS against a port that speaks TLS at once: it accepts and says nothing. One read timeout, then why. */
    @Test
    void startTlsOnAPortThatSpeaksTlsAtOnceIsNamedAfterOneTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        silent.accept(); // held open, never greeting, as an implicit-TLS port waits for a ClientHello
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            Run run = send("2026-11", silent.getLocalPort(), "starttls", "--bulletin.relays.rec.read-timeout=2s");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertOneSentenceNoTrace(run, "never greeted within 2 s");
            assertThat(run.output()).contains("use security: ssl");
        }
    }

    @Test
    void recipientFilesThatCannotBeReadAreNamedWithTheirLine() throws Exception {
        home.writeTemplate("letter");
        home.write("data/noaddress.csv", "Nom;Téléphone\nDupont;0102030405\n");
        home.writeJob("noaddress", "noaddress", "data/noaddress.csv", 5, "outbox", null);
        home.write("data/quote.csv", "Nom,Email\n\"Dupont,dupont@example.org\nMartin,martin@example.org\n");
        home.writeJob("quote", "quote", "data/quote.csv", 5, "outbox", null);

        Run noAddress = BulletinProcess.run(home, "send", "jobs/noaddress.yml", "--period", "2026-11");
        Run quote = BulletinProcess.run(home, "send", "jobs/quote.yml", "--period", "2026-11");

        assertThat(noAddress.exitCode()).as(noAddress.output()).isEqualTo(2);
        assertOneSentenceNoTrace(noAddress, "data/noaddress.csv:1: no address column");
        assertThat(quote.exitCode()).as(quote.output()).isEqualTo(2);
        assertOneSentenceNoTrace(quote, "data/quote.csv:2: a quoted field that starts on this line is never closed");
        assertThat(quote.output()).contains("Nothing was sent");
    }

    @Test
    void aDatabaseWhoseDriverIsNotPackagedIsOneSentence() throws Exception {
        Run run = BulletinProcess.run(home, "status", "--spring.datasource.url=jdbc:sqlserver://localhost;databaseName=x");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertOneSentenceNoTrace(run, "bulletin: cannot start:");
        assertThat(run.output()).contains("Nothing was sent").contains("data/logs/");
    }
}
