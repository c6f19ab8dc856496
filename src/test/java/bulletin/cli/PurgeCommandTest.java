package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code purge}: the personal data of finished runs older than the retention goes (addresses,
 * names, relay words, feedback about them, outbox messages, reports); counts, the suppression
 * list, newer runs and resumable runs stay; a second purge finds nothing.
 */
@SpringBootTest
class PurgeCommandTest {

    static final TestHome home = TestHome.create("purge");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.locale", () -> "en"); // the terminal's English sentences (FrenchTerminalTest has the French)
    }

    @Autowired
    CommandLineHarness cli;

    @Autowired
    JdbcTemplate jdbc;

    private long send(String campaign, String period, int members) {
        home.writeRecipients("data/" + campaign + ".csv", TestHome.members(campaign, members));
        home.writeJob(campaign, campaign, "data/" + campaign + ".csv", 2, "outbox", null);
        int exit = cli.run("send", "jobs/" + campaign + ".yml", "--period", period);
        Matcher run = Pattern.compile("\\(run (\\d+)\\)").matcher(cli.out());
        assertThat(run.find()).as(cli.out() + cli.err()).isTrue();
        assertThat(exit).as(cli.out()).isIn(0, 1);
        return Long.parseLong(run.group(1));
    }

    /** As if the run's attempts had happened then: what a purge reads is when the last one ended. */
    private static String lastCell(String csvLine) {
        return csvLine.substring(csvLine.lastIndexOf(',') + 1);
    }

    private void sendEvent(long runId, String words) {
        jdbc.update("INSERT INTO bulletin_send_event (run_id, execution_id, happened_at, kind, recipients, delay_ms, words)"
                + " VALUES (?, 1, CURRENT_TIMESTAMP, 'RETRY', 1, 2000, ?)", runId, words);
    }

    private List<String> sendEventWords(long runId) {
        return jdbc.queryForList("SELECT words FROM bulletin_send_event WHERE run_id = ?", String.class, runId);
    }

    private void endedOn(long runId, LocalDateTime when) {
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET START_TIME = ?, END_TIME = ? WHERE JOB_INSTANCE_ID = ?",
                Timestamp.valueOf(when.minusMinutes(5)), Timestamp.valueOf(when), runId);
    }

    private List<String> addresses(long runId) {
        return jdbc.queryForList("SELECT address FROM bulletin_recipient WHERE run_id = ? ORDER BY seq", String.class, runId);
    }

    /**
     * Every file of the home that holds this text (any case), the database's own files included;
     * the recipient files the test wrote as the operator's input (data/*.csv) aside.
     */
    private List<Path> filesHolding(String text) throws Exception {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        try (Stream<Path> tree = Files.walk(home.root())) {
            List<Path> found = new java.util.ArrayList<>();
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                boolean input = file.getParent().equals(home.path("data")) && file.toString().endsWith(".csv");
                if (!input && new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .toLowerCase(java.util.Locale.ROOT).contains(lower)) {
                    found.add(home.root().relativize(file));
                }
            }
            return found;
        }
    }

    private List<Path> filesOfRun(long runId) throws Exception {
        try (Stream<Path> reports = Files.list(home.path("data/reports"))) {
            return reports.filter(file -> file.getFileName().toString().contains("-run" + runId + "-")).toList();
        }
    }

    @Test
    void purgesOldFinishedRunsAndKeepsCountsSuppressionsNewAndResumableRuns() throws Exception {
        home.writeTemplate("letter");
        long old = send("ancienne", "2024-01", 4);
        long recent = send("recente", "2026-10", 3);
        // A run that failed in its render step long ago: it may still be resumed, so it stays.
        home.write("templates/broken.html.mustache", "<p>{{ nothere }}</p>\n");
        home.write("templates/broken.txt.mustache", "{{ nothere }}\n");
        home.writeRecipients("data/panne.csv", TestHome.members("panne", 2));
        home.write("jobs/panne.yml", Files.readString(home.writeJob("panne", "panne", "data/panne.csv", 2, "outbox", null))
                .replace("template: letter", "template: broken"));
        assertThat(cli.run("send", "jobs/panne.yml", "--period", "2024-02")).isNotZero();
        long failed = jdbc.queryForObject("SELECT run_id FROM bulletin_run WHERE campaign = 'panne'", Long.class);
        // A one-off, whose job file Bulletin wrote with its addresses.
        assertThat(cli.run("send", "--to", "x1@amis.example", "x2@amis.example", "--template", "letter", "--subject", "Essai",
                "--from", "bureau@amis.example", "--relay", "outbox", "--name", "essai", "--period", "2024-03",
                "--var", "association=Les Amis", "--var", "unsubscribe=bureau@amis.example")).as(cli.err()).isZero();
        long oneOff = jdbc.queryForObject("SELECT run_id FROM bulletin_run WHERE campaign = 'essai'", Long.class);
        assertThat(home.path("data/oneoff/essai.yml")).isRegularFile();
        endedOn(old, LocalDateTime.now().minusMonths(30));
        endedOn(failed, LocalDateTime.now().minusMonths(30));
        endedOn(oneOff, LocalDateTime.now().minusMonths(25));
        // Files of no run: an old test copy goes, a recent preview stays.
        Path oldCopy = home.write("data/outbox/tests/2024-01-essai.eml", "To: t@amis.example\n");
        Files.setLastModifiedTime(oldCopy, FileTime.from(Instant.now().minus(Duration.ofDays(800))));
        Path recentPreview = home.write("preview/recente.eml", "To: undisclosed\n");
        String oldMember = addresses(old).get(0);
        assertThat(cli.run("suppress", "add", oldMember, "--reason", "UNSUBSCRIBED")).as(cli.err()).isZero();
        jdbc.update("INSERT INTO bulletin_soft_bounce (address_key, source, run_id, status, words, seen_at)"
                + " VALUES (?, 'mailbox test', ?, '452', '452 mailbox full', CURRENT_TIMESTAMP)", addresses(old).get(1), old);
        // A try again of each run, whose relay words name an address.
        sendEvent(old, "451 4.7.1 <" + addresses(old).get(2) + ">: greylisted");
        sendEvent(recent, "451 4.7.1 <" + addresses(recent).get(0) + ">: greylisted");
        Path oldOutbox = home.path("data/outbox/ancienne/2024-01");
        assertThat(oldOutbox).isDirectory();
        assertThat(filesOfRun(old)).hasSize(2); // the audit and the report

        List<String> purged = new java.util.ArrayList<>(addresses(old));
        purged.remove(oldMember); // kept on the suppression list, as asked
        purged.addAll(List.of("x1@amis.example", "x2@amis.example"));
        assertThat(home.path("data/oneoff/essai.addresses.txt")).isRegularFile();
        // A dry run says what would go, and removes nothing.
        assertThat(cli.run("purge", "--older-than", "24m", "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("run " + old + "  ancienne 2024-01 (COMPLETED): 4 ledger rows, 1 feedback records, 3 file(s)")
                .contains("kept: run " + failed + " (panne 2024-02): it is FAILED and may still be resumed")
                .containsPattern("run " + oneOff + "  essai 2024-03 \\(COMPLETED\\): 2 ledger rows, 5 file\\(s\\): essai.yml, essai.addresses.txt")
                .contains("1 test copies, confirmations and previews written before")
                .doesNotContain("recente").containsPattern("The suppression list is kept \\(\\d+ addresses\\)")
                .contains("Dry run: nothing was removed");
        assertThat(addresses(old)).doesNotContain("");
        assertThat(oldOutbox).isDirectory();

        assertThat(cli.run("purge", "--older-than", "24m")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Removed.");
        assertThat(addresses(old)).containsOnly("");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_recipient WHERE run_id = ? AND (display_name IS NOT NULL"
                + " OR address_key IS NOT NULL OR relay_reply IS NOT NULL OR fields IS NOT NULL)", Long.class, old)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE run_id = ?", Long.class, old)).isZero();
        assertThat(sendEventWords(old)).containsExactly((String) null); // the moment stays for the report, not the words
        assertThat(sendEventWords(recent)).singleElement().asString().contains(addresses(recent).get(0));
        assertThat(oldOutbox).doesNotExist();
        assertThat(filesOfRun(old)).isEmpty();
        assertThat(home.path("data/oneoff/essai.yml")).doesNotExist();
        assertThat(home.path("data/oneoff/essai.addresses.txt")).doesNotExist();
        // Nowhere in the home any more, the database's files included: deleted rows do not linger in them.
        for (String address : purged) {
            assertThat(filesHolding(address)).as(address).isEmpty();
        }
        assertThat(addresses(oneOff)).containsOnly("");
        assertThat(oldCopy).doesNotExist();
        assertThat(recentPreview).exists();
        // What stays: the counts, the suppression, the newer run and the resumable one, whole.
        assertThat(cli.run("status", "ancienne")).isZero();
        assertThat(cli.out()).contains("4 SENT (total 4)");
        assertThat(cli.run("suppress", "list")).isZero();
        assertThat(cli.out()).contains(oldMember);
        assertThat(addresses(recent)).hasSize(3).doesNotContain("");
        assertThat(filesOfRun(recent)).hasSize(2);
        assertThat(home.path("data/outbox/recente/2026-10")).isDirectory();
        assertThat(addresses(failed)).hasSize(2).doesNotContain("");

        // Idempotent.
        assertThat(cli.run("purge", "--older-than", "24m")).isZero();
        assertThat(cli.out()).contains("nothing left to remove").doesNotContain("Removed.");
    }

    @Test
    void anAgeItCannotReadOrNoneAtAllIsRefusedWithNothingRemoved() {
        assertThat(cli.run("purge", "--older-than", "24x")).isEqualTo(2);
        assertThat(cli.err()).contains("'24x' is not a retention period").contains("24m (months)")
                .contains("Nothing was removed");
        assertThat(cli.run("purge")).isEqualTo(2);
        assertThat(cli.err()).contains("purge --older-than 24m, or set bulletin.retention");
    }

    @Test
    void auditAddressShowsEverythingKeptAboutOnePersonInEveryRun() throws Exception {
        home.writeTemplate("letter");
        String person = "Marie.Curie@Amis.example";
        home.write("data/un.csv", "Prénom,Nom,Email,Ville\r\nAnne,Autre,a@amis.example,Thio\r\nMarie,Curie," + person
                + ",Nouméa\r\n");
        home.writeRecipients("data/deux.csv", List.of("marie.curie@amis.example", "b@amis.example"));
        home.writeJob("un", "un", "data/un.csv", 2, "outbox", null);
        home.writeJob("deux", "deux", "data/deux.csv", 2, "outbox", null);
        assertThat(cli.run("send", "jobs/un.yml", "--period", "2026-09")).as(cli.err()).isZero();
        assertThat(cli.run("send", "jobs/deux.yml", "--period", "2026-10")).as(cli.err()).isZero();
        assertThat(cli.run("suppress", "add", person, "--reason", "UNSUBSCRIBED", "--note", "par courrier")).isZero();

        assertThat(cli.run("audit", "--address", "marie.curie@amis.example")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("What Bulletin keeps about marie.curie@amis.example")
                .containsPattern("un +2026-09 +SENT").containsPattern("deux +2026-10 +SENT").contains("2 rows in the ledger")
                .contains("Ville: Nouméa").doesNotContain("Thio")
                .contains("on the suppression list since").contains("UNSUBSCRIBED (par courrier)")
                .doesNotContain("a@amis.example").doesNotContain("b@amis.example");

        Path csv = home.path("marie.csv");
        assertThat(cli.run("audit", "--address", person, "--csv", csv.toString())).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3).first().asString().startsWith("campaign,period").endsWith(",input_columns");
        // Every column of their input rows, in the last cell.
        assertThat(lines.get(1)).startsWith("un,2026-09,");
        assertThat(lastCell(lines.get(1)).split("; "))
                .containsExactlyInAnyOrder("Prénom=Marie", "Nom=Curie", "Email=Marie.Curie@Amis.example", "Ville=Nouméa");
        assertThat(lines.get(2)).startsWith("deux,2026-10,");
        assertThat(lastCell(lines.get(2)).split("; "))
                .containsExactlyInAnyOrder("Prénom=Prénom1", "Nom=Nom1", "Email=marie.curie@amis.example");

        assertThat(cli.run("audit")).isEqualTo(2);
        assertThat(cli.err()).contains("give a run (audit RUN) or a person (audit --address ADDR)");
    }

    @Test
    void purgeAddressErasesOnePersonFromEveryRunAndFileAndKeepsTheirSuppressionUnlessAsked() throws Exception {
        home.writeTemplate("letter");
        String person = "jean.effacer@amis.example";
        home.writeRecipients("data/e1.csv", List.of("reste1@amis.example", person, "reste2@amis.example"));
        home.writeRecipients("data/e2.csv", List.of("Jean.Effacer@Amis.example", "reste3@amis.example"));
        home.writeJob("e1", "efface1", "data/e1.csv", 10, "outbox", null);
        home.writeJob("e2", "efface2", "data/e2.csv", 1, "outbox", null);
        assertThat(cli.run("send", "jobs/e1.yml", "--period", "2026-08")).as(cli.err()).isZero();
        long first = jdbc.queryForObject("SELECT run_id FROM bulletin_run WHERE campaign = 'efface1'", Long.class);
        assertThat(cli.run("send", "jobs/e2.yml", "--period", "2026-08")).as(cli.err()).isZero();
        long second = jdbc.queryForObject("SELECT run_id FROM bulletin_run WHERE campaign = 'efface2'", Long.class);
        assertThat(cli.run("suppress", "add", person, "--reason", "UNSUBSCRIBED")).isZero();
        sendEvent(first, "451 4.7.1 <Jean.Effacer@amis.example>: greylisted");
        sendEvent(first, "451 4.7.1 <reste1@amis.example>: greylisted");
        // A one-off to them alone, whose bare addresses Bulletin wrote beside its job file.
        assertThat(cli.run("send", "--to", person, "reste4@amis.example", "--template", "letter", "--subject", "Essai",
                "--from", "bureau@amis.example", "--relay", "outbox", "--name", "essai-effacer", "--period", "2026-08",
                "--var", "association=Les Amis", "--var", "unsubscribe=bureau@amis.example")).as(cli.err()).isZero();
        // A request they sent by mail, whose words name them.
        jdbc.update("INSERT INTO bulletin_feedback_message (mailbox, message_key, message_id, kind, detail, state, seen_at)"
                + " VALUES ('mailbox', 'imap:1:99', '<r@x>', 'UNSUBSCRIBE', 'an unsubscribe request from Jean Effacer <"
                + person + ">, \"STOP\"', 'SET_ASIDE', CURRENT_TIMESTAMP)");
        // A confirmation of an unsubscribe request Bulletin mailed them: it names them too.
        jdbc.update("INSERT INTO bulletin_unsubscribe_confirmation (token, kind, address, address_key, run_id, asked_at)"
                + " VALUES ('abcdefghijklmnopqrstuvwxyz', 'ASK', ?, ?, ?, CURRENT_TIMESTAMP)", person, person, first);
        Path sharedEnvelope;
        try (Stream<Path> files = Files.list(home.path("data/outbox/efface1/2026-08"))) {
            sharedEnvelope = files.filter(file -> file.toString().endsWith(".envelope")).findFirst().orElseThrow();
        }

        assertThat(cli.run("purge", "--address", person, "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("3 ledger row(s)").contains("rewritten without them: essai-effacer.addresses.txt").contains("rewritten without them: " + sharedEnvelope.getFileName())
                .contains("their suppression entry is kept").contains("Dry run: nothing was removed");
        assertThat(Files.readString(sharedEnvelope)).contains(person);

        assertThat(cli.run("purge", "--address", person)).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Erased.");
        // The ledger: their rows keep a state and lose who they were; the others' rows are whole.
        assertThat(addresses(first)).containsExactly("reste1@amis.example", "", "reste2@amis.example");
        assertThat(addresses(second)).containsExactly("", "reste3@amis.example");
        assertThat(sendEventWords(first)).containsExactlyInAnyOrder(null, "451 4.7.1 <reste1@amis.example>: greylisted");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_unsubscribe_confirmation", Long.class)).isZero();
        assertThat(cli.run("audit", "--address", person)).isZero();
        assertThat(cli.out()).contains("0 rows in the ledger").contains("on the suppression list");
        // The files: the shared envelope without them, their own message gone, the reports without their records.
        assertThat(Files.readString(sharedEnvelope)).doesNotContainIgnoringCase(person).contains("reste1@amis.example");
        try (Stream<Path> tree = Stream.concat(Files.walk(home.path("data/outbox")), Files.walk(home.path("data/reports")))) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContainIgnoringCase(person);
            }
        }
        assertThat(filesOfRun(first)).filteredOn(file -> file.toString().endsWith(".csv")).singleElement()
                .satisfies(report -> assertThat(Files.readString(report)).contains("reste1@amis.example")
                        .contains("reste2@amis.example"));

        assertThat(cli.run("purge", "--address", person, "--also-suppression")).isZero();
        assertThat(cli.run("suppress", "list")).isZero();
        assertThat(cli.out()).doesNotContainIgnoringCase(person);
        // Nowhere in the home, the database's own files included, by address or by name; the others are still there.
        assertThat(filesHolding(person)).isEmpty();
        assertThat(filesHolding("Jean Effacer")).isEmpty();
        assertThat(Files.readString(home.path("data/oneoff/essai-effacer.addresses.txt"))).isEqualTo("reste4@amis.example\n");
        assertThat(filesHolding("reste4@amis.example")).isNotEmpty();
    }
}
