package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.BulletinProcess;
import bulletin.support.TestHome;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A million-row member file staged and sent by the packaged jar in a 256 MB heap: staging, the
 * ledger and the audit export stream, so memory does not grow with the audience.
 */
class LargeAudienceIT {

    private static final int ROWS = 1_000_000;

    @Test
    void stagesAndSendsAMillionRecipientsWithA256MbHeap() throws Exception {
        TestHome home = TestHome.create("large");
        home.writeTemplate("letter");
        Path csv = home.path("data/million.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("Prénom;Nom;Courriel;Ville\r\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("Prénom" + i + ";Nom" + i + ";member" + i + "@m" + (i % 97) + ".example;Nouméa\r\n");
            }
        }
        home.writeJob("million", "million", "data/million.csv", 1000, "outbox", null);

        Process process = BulletinProcess.start(home, home.path("run.log"), List.of("-Xmx256m"),
                List.of("send", "jobs/million.yml", "--period", "2026-11"));
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(home.path("run.log"));

        assertThat(process.exitValue()).as(output).isEqualTo(0);
        assertThat(output).containsPattern("SENT +" + ROWS).doesNotContain("OutOfMemoryError")
                .as("the audit export pages through every row").contains(ROWS + " recipients; audit written to");
        try (var files = Files.list(home.path("data/outbox/million/2026-11"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(ROWS / 1000);
        }
        BulletinProcess.awaitServerStopped(home); // the database helper stops once idle
        // half a gigabyte of database and outbox: kept only when the test fails, for a look
        org.springframework.util.FileSystemUtils.deleteRecursively(home.root());
    }
}
