package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.BulletinProcess;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestCertificate;
import bulletin.support.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator guide's monthly cron line (docs/operator.md), run exactly as written (the home's path aside) in an empty
 * environment, as cron does: the launcher finds its jar, Bulletin reads the home's
 * config/relays.env itself, and the sample reaches a test relay that accepts only those
 * credentials. Then the same file readable by others stops the next command in one sentence.
 */
class CronLineIT {

    private static final String KEY = "mj-key-0123";
    private static final String SECRET = "mj-secret-from-the-file";

    private final TestHome home = TestHome.create("cron");
    private ScriptedSmtpServer relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        BulletinProcess.awaitServerStopped(home);
    }

    /** The operator guide's cron block: its CRON_TZ line and the command of its monthly send. */
    private static List<String> readmeCronLines() throws Exception {
        Matcher block = Pattern.compile("(?s)```cron\n(.*?)```").matcher(Files.readString(Path.of("docs/operator.md")));
        while (block.find()) {
            if (block.group(1).contains("send jobs/monthly.yml")) {
                return block.group(1).lines().filter(line -> !line.isBlank()).toList();
            }
        }
        throw new AssertionError("docs/operator.md has no cron block sending jobs/monthly.yml");
    }

    @Test
    void theReadmesCronLineSendsTheSampleWithTheHomesCredentialsFileInAnEmptyEnvironment() throws Exception {
        List<String> lines = readmeCronLines();
        assertThat(lines.get(0)).as("cron reads the hour in this zone, not the machine's").isEqualTo("CRON_TZ=Pacific/Noumea");
        String[] fields = lines.get(1).split("\\s+", 6);
        assertThat(String.join(" ", List.of(fields).subList(0, 5))).isEqualTo("0 8 1 * *");
        String command = fields[5].replace("/srv/bulletin", home.root().toString());

        // The home as the README's first command leaves it: the launcher and the jar it builds, the sample.
        for (String dir : List.of("bin", "jobs", "templates")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.createDirectories(home.path(file.getParent().toString()));
                    Files.copy(file, home.path(file.toString()));
                }
            }
        }
        home.path("bin/bulletin").toFile().setExecutable(true);
        Files.createDirectories(home.path("target"));
        Files.createSymbolicLink(home.path("target/bulletin.jar"),
                Path.of(System.getProperty("bulletin.jar", "target/bulletin.jar")).toAbsolutePath());
        List<String> members = TestHome.members("cron", 12);
        home.writeRecipients("data/members.csv", members);
        // The sample, through a Mailjet-like relay that takes only the file's credentials.
        home.write("jobs/monthly.yml", Files.readString(home.path("jobs/monthly.yml")).replace("relay: outbox", "relay: mailjet"));
        TestCertificate certificate = TestCertificate.create(home.path("certs"), "localhost");
        relay = new ScriptedSmtpServer().withTls(certificate.serverContext()).withCredentials(KEY, SECRET);
        home.write("config/application.yml", String.join("\n",
                "bulletin:",
                "  relays:",
                "    mailjet:",
                "      host: 127.0.0.1",
                "      port: " + relay.port(),
                "      security: starttls",
                "      trust-certificate: " + certificate.pem(),
                "  database:",
                "    idle-shutdown: 1s",
                ""));
        Path credentials = home.write("config/relays.env", "# the setup card\nMAILJET_API_KEY=" + KEY
                + "\nMAILJET_SECRET_KEY=" + SECRET + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));

        Process cron = new ProcessBuilder("env", "-i", "/bin/sh", "-c", command).redirectErrorStream(true).start();
        String said = new String(cron.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cron.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(home.path("data/cron.log"));

        assertThat(cron.exitValue()).as(said + log).isZero();
        assertThat(log).contains("terminée.").containsPattern("SENT +12"); // in bulletin.locale's language, fr-FR
        assertThat(relay.authAttempts()).isPositive();
        assertThat(relay.acceptedRecipients()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(log).doesNotContain(SECRET);

        // The same file readable by the group: the next fire refuses at once, in one sentence, sending nothing.
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-r-----"));
        Process refused = new ProcessBuilder("env", "-i", "/bin/sh", "-c",
                command.replace("send jobs/monthly.yml", "send jobs/monthly.yml --period 2026-10"))
                .redirectErrorStream(true).start();
        assertThat(refused.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(Files.readString(home.path("data/cron.log"))).contains("bulletin: impossible de démarrer : config/relays.env"
                + " contient des mots de passe et d'autres utilisateurs de cette machine peuvent le lire (rw-r-----) : lancez"
                + " chmod 600 config/relays.env");
        assertThat(relay.acceptedRecipients()).hasSize(12);
    }
}
