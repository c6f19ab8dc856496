package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.support.BulletinProcess;
import bulletin.support.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data at rest is its owner's only: after real commands run under a permissive umask (022), every
 * folder Bulletin wrote under data/ is 0700 and every file 0600; the database helper it starts
 * carries none of the credentials of the command that started it.
 */
class DataAtRestIT {

    private final TestHome home = TestHome.create("at-rest");

    private static final Map<String, String> OPERATOR_ENVIRONMENT = Map.of(
            "MAILJET_API_KEY", "mj-key-0123", "MAILJET_SECRET_KEY", "mj-secret-0123456789",
            "MAILBOX_PASSWORD", "b0ite-0123456789", "BULLETIN_RELAYS_LOCAL_PASSWORD", "local-0123456789",
            "ASSOCIATION", "Les Amis");

    @Test
    void everythingBulletinWritesIsItsOwnersOnlyAndTheDatabaseHelperHoldsNoSecret() throws Exception {
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", TestHome.members("rest", 12));
        home.writeJob("monthly", "monthly", "data/members.csv", 5, "outbox", null);

        var sent = BulletinProcess.runAs(home, "022", OPERATOR_ENVIRONMENT, "send", "jobs/monthly.yml", "--period", "2026-11");
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        var oneOff = BulletinProcess.runAs(home, "022", OPERATOR_ENVIRONMENT, "send", "--to", "solo@members.example",
                "--template", "letter", "--subject", "Réunion", "--from", "bureau@amis.example", "--relay", "outbox",
                "--var", "association=Les Amis", "--period", "2026-11");
        assertThat(oneOff.exitCode()).as(oneOff.output()).isZero();

        // The helper outlives the command that starts it: a schedule that does not hold the files itself
        // (as the commands that do not send) starts one, which stays up while its environment is read.
        Process schedule = BulletinProcess.startAs(home, "022", OPERATOR_ENVIRONMENT,
                List.of("schedule", "--bulletin.database.host=false"), home.path("schedule.log"));
        Path serverFile = home.path("data/db/bulletin.server");
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(serverFile) || !schedule.isAlive());
        long helper = Long.parseLong(serverProperties(serverFile).getProperty("pid"));
        List<String> helperVariables = environmentNames(helper);
        assertThat(environmentNames(schedule.pid())).as("the test gives the operator's secrets")
                .contains("MAILJET_SECRET_KEY", "MAILBOX_PASSWORD");
        assertThat(helperVariables).contains("ASSOCIATION")
                .noneMatch(name -> name.contains("PASSWORD") || name.contains("SECRET") || name.contains("KEY"));
        schedule.destroy();
        assertThat(schedule.waitFor(1, TimeUnit.MINUTES)).isTrue();
        BulletinProcess.awaitServerStopped(home);

        List<String> wrong = new ArrayList<>();
        for (String folder : List.of("data/db", "data/outbox", "data/reports", "data/logs", "data/oneoff", "data/locks")) {
            assertThat(home.path(folder)).as(folder + " was written").isDirectory();
            try (Stream<Path> all = Files.walk(home.path(folder))) {
                all.forEach(path -> {
                    String mode = mode(path);
                    String wanted = Files.isDirectory(path) ? "rwx------" : "rw-------";
                    if (!mode.equals(wanted)) {
                        wrong.add(home.root().relativize(path) + " " + mode);
                    }
                });
            }
        }
        assertThat(wrong).as("folders 0700, files 0600").isEmpty();
    }

    private static Properties serverProperties(Path file) throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<String> environmentNames(long pid) throws Exception {
        String environ = Files.readString(Path.of("/proc", String.valueOf(pid), "environ"), StandardCharsets.ISO_8859_1);
        return Arrays.stream(environ.split("\0")).filter(entry -> entry.contains("="))
                .map(entry -> entry.substring(0, entry.indexOf('='))).toList();
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (Exception e) {
            return "gone";
        }
    }
}
