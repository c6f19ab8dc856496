package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.database.SharedDatabase;
import bulletin.support.BulletinProcess;
import bulletin.support.BulletinProcess.Run;
import bulletin.support.TestHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/bulletin.jar send ...} in a
 * fresh home holding a copy of the repository's sample (jobs/, templates/, data/members.csv).
 */
class JarSendIT {

    private final TestHome home = TestHome.create("jar");

    private Run bulletin(String... args) throws IOException, InterruptedException {
        return BulletinProcess.run(home, args);
    }

    private void copySample() throws IOException {
        for (String dir : List.of("jobs", "templates")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) { // the sample's images too (templates/images/)
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.createDirectories(home.path(file.getParent().toString()));
                    Files.copy(file, home.path(file.toString()));
                }
            }
        }
        Files.copy(Path.of("data/members.csv"), home.path("data/members.csv"));
    }

    @Test
    void theSampleNewsletterRunsOnTheEmbeddedDefaultsAndASecondRunSendsNothing() throws Exception {
        copySample();

        // The README's command on the embedded defaults: the association's language, fr-FR, on the terminal and in the letter.
        Run first = bulletin("send", "jobs/monthly.yml", "--period", "2026-11", "--bulletin.locale=fr-FR");

        assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
        assertThat(first.output()).contains("terminée.").containsPattern("SENT +25")
                .as("no progress bar without a terminal").doesNotContain("25/25")
                .as("a fresh database says nothing about itself").doesNotContain("DB: no data").doesNotContain("WARN");
        Path outbox = home.path("data/outbox/lettre-mensuelle/2026-11");
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> emls = files.filter(f -> f.toString().endsWith(".eml")).toList();
            assertThat(emls).hasSize(3);
            assertThat(Files.readString(emls.get(0))).contains("la lettre de novembre 2026");
        }
        assertThat(Files.exists(home.path("data/db/bulletin.properties"))).isTrue();

        Run second = bulletin("send", "jobs/monthly.yml", "--period", "2026-11", "--bulletin.locale=fr-FR");

        assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
        assertThat(second.output()).contains("était déjà envoyée");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml"))).hasSize(3);
        }
    }

    /** The launcher script runs the same jar (unpacked, with a class-data archive from its first run). */
    @Test
    void theLauncherScriptRunsTheJarAndRecordsItsClassArchive() throws Exception {
        copySample();
        String launcher = Path.of("bin/bulletin").toAbsolutePath().toString();
        Path archive = Path.of(System.getProperty("bulletin.jar", "target/bulletin.jar") + ".d", "bulletin.jsa").toAbsolutePath();
        for (int run = 0; run < 2; run++) {
            Process process = new ProcessBuilder("sh", launcher, "validate", "jobs/monthly.yml",
                    "--bulletin.database.idle-shutdown=1s").directory(home.root().toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(0);
            assertThat(output).contains("peut être envoyée").doesNotContain("[cds]"); // bulletin.locale's default, fr-FR
            assertThat(archive).isNotEmptyFile();
        }
    }

    /**
     * The class archive is recorded by a send to the outbox in a scratch folder that sees nothing of
     * the home's settings: with a database in the environment that cannot be opened, the command
     * fails as it should, and the archive is recorded all the same (a recording run that read the
     * environment would have sent through the home's relays into the home's database).
     */
    @Test
    void theClassArchiveIsRecordedApartFromTheHomesSettings() throws Exception {
        Path jar = home.path("copy/bulletin.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(Path.of(System.getProperty("bulletin.jar", "target/bulletin.jar")), jar);
        ProcessBuilder builder = new ProcessBuilder("sh", Path.of("bin/bulletin").toAbsolutePath().toString(), "status")
                .directory(home.root().toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("BULLETIN_JAR", jar.toString());
        builder.environment().put("SPRING_DATASOURCE_URL", "jdbc:hsqldb:file:/proc/no-such-folder/db");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as("the command itself reads the environment: " + output).isNotZero();
        assertThat(home.path("copy/bulletin.jar.d/bulletin.jsa")).isNotEmptyFile();
    }

    /** On a terminal (a pseudo-terminal from util-linux's {@code script}) the send draws a progress bar. */
    @Test
    void onATerminalTheSendDrawsAProgressBarThenTheSummary() throws Exception {
        boolean script = new ProcessBuilder("sh", "-c", "command -v script").start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(script || System.getenv("CI") != null, "util-linux script is missing");
        copySample();
        String command = String.join(" ", BulletinProcess.command(List.of(), List.of("send", "jobs/monthly.yml",
                "--period", "2026-11")));
        Process process = new ProcessBuilder("script", "-qec", command, "/dev/null").directory(home.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(0);
        assertThat(output).containsPattern("\\rRun 1 100% .* 25/25 \\(").contains("completed.");
        assertThat(output.indexOf("25/25")).isLessThan(output.indexOf("completed."));
    }

    /**
     * The sample newsletter as it leaves, scored by SpamAssassin with local rules only (no
     * network). bin/test-suite installs SpamAssassin before the suite starts; never skipped.
     */
    @Test
    void theSampleNewsletterScoresBelowTwoWithSpamAssassin() throws Exception {
        boolean installed = new ProcessBuilder("sh", "-c", "command -v spamassassin").start().waitFor() == 0;
        assertThat(installed).as("spamassassin is needed to score the sample: bin/test-suite installs Debian's").isTrue();
        copySample();
        assertThat(bulletin("send", "jobs/monthly.yml", "--period", "2026-11").exitCode()).isEqualTo(0);
        Path eml;
        try (Stream<Path> files = Files.list(home.path("data/outbox/lettre-mensuelle/2026-11"))) {
            eml = files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow();
        }

        Process spamassassin = new ProcessBuilder("spamassassin", "-L", "-t").redirectInput(eml.toFile())
                .redirectErrorStream(true).start();
        String report = new String(spamassassin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(spamassassin.waitFor(120, TimeUnit.SECONDS)).isTrue();

        java.util.regex.Matcher score = java.util.regex.Pattern.compile("Content analysis details:\\s+\\((-?[0-9.]+) points")
                .matcher(report);
        assertThat(score.find()).as(report).isTrue();
        assertThat(Double.parseDouble(score.group(1))).as(report).isLessThan(2.0);
    }

    /**
     * The database helper's start race: a command finds the helper a previous command left
     * running, and is slow to connect (a busy machine, a 5 s Spring start) — so slow that the
     * helper's idle time runs out and it stops in between. The command, which sends, then holds
     * the files itself and sends as if nothing happened.
     */
    @Test
    void aCommandWhoseDatabaseHelperStopsBeforeItConnectsStartsAnotherAndSends() throws Exception {
        copySample();
        Path database = home.path("data/db/bulletin");
        Path helperLog = home.path("data/db/bulletin.server.log");
        Path gate = home.path("connect");
        Process send;
        // A helper left running by an earlier command, held open here until the send has found it.
        try (Connection earlier = SharedDatabase.open(database, APPLICATION_DATABASE_PROPERTIES, Duration.ofSeconds(1))) {
            send = BulletinProcess.start(home, home.path("send.log"), List.of("-D" + "bulletin.test.after-discovery=" + gate),
                    List.of("send", "jobs/monthly.yml", "--period", "2026-11"));
            await().atMost(Duration.ofMinutes(3)).until(() -> Files.exists(home.path("connect.found")) || !send.isAlive());
            assertThat(send.isAlive()).as(Files.readString(home.path("send.log"))).isTrue();
        }
        BulletinProcess.awaitServerStopped(home); // the database helper stops once idle
        Files.writeString(gate, "");

        assertThat(send.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(home.path("send.log"));
        assertThat(send.exitValue()).as(output).isEqualTo(0);
        assertThat(output).containsPattern("SENT +25");
        assertThat(Files.readString(helperLog).lines().filter(line -> line.contains(" serving ")))
                .as("no second helper: the send held the files itself").hasSize(1);
        assertThat(home.path("data/db/bulletin.lck")).as("let go cleanly").doesNotExist();
    }

    /** What application.yml puts after the file database's path. */
    private static final String APPLICATION_DATABASE_PROPERTIES = "hsqldb.tx=mvcc;hsqldb.default_table_type=cached;"
            + "hsqldb.write_delay=false;hsqldb.result_max_memory_rows=10000;hsqldb.lob_compressed=true;"
            + "hsqldb.cache_rows=150000;hsqldb.cache_size=32768";

    @Test
    void aJobThatCannotBeSentExitsNonZeroWithOneSentenceAndNoStackTrace() throws Exception {
        copySample();
        Files.writeString(home.path("jobs/monthly.yml"),
                Files.readString(home.path("jobs/monthly.yml")).replace("data/members.csv", "data/absent.csv"));

        Run run = bulletin("send", "jobs/monthly.yml", "--period", "2026-11");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("absent.csv").contains("no such recipient file").doesNotContain("\tat ");
    }
}
