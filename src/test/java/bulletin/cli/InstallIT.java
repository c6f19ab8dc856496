package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One command installs a home on a server (bulletin init DIR): the launcher and the jar in place,
 * the sample, an owner-only credentials file with the setup card's names, cron lines and systemd
 * units with the home's path; then the sample runs from there in an empty environment, as cron
 * would run it. A folder that is not empty is never written over.
 */
class InstallIT {

    private final TestHome scratch = TestHome.create("install");

    private record Done(int code, String output) {
    }

    private static Done run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        return new Done(process.exitValue(), output);
    }

    @Test
    void initInstallsAHomeWhoseSampleRunsInAnEmptyEnvironment() throws Exception {
        Path home = scratch.path("srv/bulletin");
        String jar = Path.of(System.getProperty("bulletin.jar", "target/bulletin.jar")).toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Done installed = run(List.of(java, "-jar", jar, "init", home.toString()));

        assertThat(installed.code()).as(installed.output()).isZero();
        assertThat(installed.output()).contains("Dossier Bulletin installé dans " + home) // bulletin.locale's default, fr-FR
                .contains("cd " + home + " && bin/bulletin validate jobs/monthly.yml --connect");
        assertThat(home.resolve("lib/bulletin.jar")).hasSameBinaryContentAs(Path.of(jar));
        assertThat(Files.isExecutable(home.resolve("bin/bulletin"))).isTrue();
        assertThat(home.resolve("bin/bulletin")).hasSameTextualContentAs(Path.of("bin/bulletin"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("config/relays.env"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(home.resolve("config/relays.env"))).contains("MAILJET_API_KEY=\n")
                .contains("MAILJET_SECRET_KEY=\n").contains("MAILBOX_USERNAME=\n").contains("MAILBOX_PASSWORD=\n");
        assertThat(Files.readString(home.resolve("config/cron.txt"))).contains("CRON_TZ=Pacific/Noumea\n")
                .contains("0 8 1 * *  cd " + home + " && bin/bulletin send jobs/monthly.yml >> data/cron.log 2>&1")
                .contains("*/15 * * * *  cd " + home + " && bin/bulletin feedback");
        assertThat(Files.readString(home.resolve("config/systemd/bulletin-monthly.service")))
                .contains("WorkingDirectory=" + home).contains("ExecStart=" + home + "/bin/bulletin send jobs/monthly.yml");
        assertThat(Files.readString(home.resolve("config/systemd/bulletin-monthly.timer")))
                .contains("OnCalendar=*-*-01 08:00:00 Pacific/Noumea").contains("Persistent=false")
                .contains("[Install]\nWantedBy=timers.target");
        for (String sample : List.of("jobs/monthly.yml", "templates/monthly.html.mustache", "templates/images/logo.png",
                "data/members.csv", "data/lists/bureau.yml")) {
            assertThat(home.resolve(sample)).hasSameBinaryContentAs(Path.of(sample));
        }

        // The sample, from the new home, as cron runs it: an empty environment, the launcher finding lib/bulletin.jar.
        Done sent = run(List.of("env", "-i", "/bin/sh", "-c", "cd " + home + " && bin/bulletin send jobs/monthly.yml"
                + " --period 2026-11 --bulletin.database.idle-shutdown=1s"));
        assertThat(sent.code()).as(sent.output()).isZero();
        assertThat(sent.output()).containsPattern("SENT +25")
                // the terminal in the association's language, its log lines too (terminal/words_fr.properties)
                .contains("Campagne lettre-mensuelle 2026-11 (envoi 1) terminée.")
                .contains("INFO  Envoi 1 : envoi à 25 destinataires par outbox");
        try (Stream<Path> files = Files.list(home.resolve("data/outbox/lettre-mensuelle/2026-11"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml"))).hasSize(3);
        }

        Done help = run(List.of(java, "-jar", jar, "init", "--help"));
        assertThat(help.code()).isZero();
        assertThat(help.output()).startsWith("Utilisation : bulletin init DIR");

        Done again = run(List.of(java, "-jar", jar, "init", home.toString()));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.output()).contains(home + " n'est pas un dossier vide : rien n'a été changé");
        assertThat(home.resolve("config/relays.env")).as("never written over").exists();
    }
}
