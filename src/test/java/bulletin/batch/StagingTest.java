package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audience.AudienceParts;
import bulletin.audience.SuppressionList;
import bulletin.campaign.CampaignValidator;
import bulletin.campaign.ValidationReport;
import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Fields;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.run.RunResult;
import bulletin.support.OnPostgres;
import bulletin.support.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The stage step: every input row of every source lands in the ledger with its state and reason. */
@SpringBootTest
class StagingTest {

    /** Deep, as a real home may be: the ledger and validate name each file from the home, whole. */
    static final TestHome home = TestHome.createDeep("staging");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.addresses.case-sensitive-domains", () -> "Casse.Example");
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    SuppressionList suppressions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    CampaignValidator validator;

    @Autowired
    DataSource dataSource;

    private Path job(String name, String recipients) {
        return job(name, recipients, 2);
    }

    private Path job(String name, String recipients, int perMessage) {
        home.writeTemplate("letter");
        return home.write("jobs/" + name + ".yml", "name: " + name + "\nfrom: bureau@amis.example\nsubject: s\n"
                + "template: letter\nchunk-size: " + perMessage + "\nrelay: outbox\nvariables:\n  association: A\n"
                + "  unsubscribe: u\nrecipients:\n" + recipients);
    }

    /** The run's rows as stored, each with its state as the ledger shows it (see LedgerParts#shown). */
    private List<Map<String, Object>> rows(long runId) {
        Map<Integer, String> shown = LedgerParts.shown(ledger, runId).stream()
                .collect(Collectors.toMap(AuditRow::seq, row -> row.status().name()));
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM bulletin_recipient WHERE run_id = ? ORDER BY seq").param(runId)
                .query().listOfRows();
        rows.forEach(row -> row.put("STATUS", shown.get((Integer) row.get("SEQ"))));
        return rows;
    }

    @Test
    void everyRowOfEverySourceLandsSomewhereWithItsReason() throws IOException {
        home.write("data/members.csv", "Nom,Email,Ville\n"
                + "Ann,ann@amis.example,Nouméa\n"
                + "Bob,bob@AMIS.example,Koné\n"
                + "Nobody,not-an-address,\n"
                + "Ann again,ann@amis.EXAMPLE,\n"
                + "Gone,Gone@Amis.Example,\n");
        home.write("data/friends.csv", "email\nfriend@amis.example\nbob@amis.example\n");
        home.write("data/lists/bureau.yml", "name: Bureau\nnickname: bureau\nmembers:\n  - Chair <chair@amis.example>\n"
                + "include:\n  - data/friends.csv\n");
        home.write("data/tb.ldif", "dn: cn=CA\nobjectclass: groupOfNames\ncn: CA\nmember: cn=Dee,mail=dee@amis.example\n"
                + "member: cn=Chair,mail=chair@amis.example\n");
        suppressions.add("gone@amis.example", SuppressionList.Reason.UNSUBSCRIBED, "asked by mail");
        Path job = job("everyrow", "  - data/members.csv\n  - list: bureau\n  - file: data/tb.ldif\n    list: CA\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        List<Map<String, Object>> rows = rows(result.runId());
        assertThat(rows).extracting(r -> r.get("ADDRESS") + " " + r.get("STATUS")).containsExactly(
                "ann@amis.example SENT",
                "bob@amis.example SENT",
                "not-an-address INVALID",
                "ann@amis.example DUPLICATE",
                "Gone@amis.example SUPPRESSED",
                "chair@amis.example SENT",
                "friend@amis.example SENT",
                "bob@amis.example DUPLICATE",
                "dee@amis.example SENT",
                "chair@amis.example DUPLICATE");
        assertThat(rows.get(2).get("REASON")).isEqualTo("an address needs a local part, '@' and a domain");
        assertThat(rows.get(2).get("SOURCE_LINE")).isEqualTo(4L);
        assertThat(rows.get(3).get("REASON")).isEqualTo("same address as data/members.csv:2");
        assertThat(rows.get(4).get("REASON").toString()).startsWith("on the suppression list (unsubscribed since ");
        assertThat(rows.get(7).get("REASON")).isEqualTo("same address as data/members.csv:3");
        assertThat(rows.get(7).get("SOURCE_FILE")).isEqualTo("data/friends.csv");
        assertThat(Fields.decode((String) rows.get(0).get("FIELDS"))).containsEntry("Ville", "Nouméa");

        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(5);
        assertThat(result.counts().get(DeliveryStatus.INVALID)).isEqualTo(1);
        assertThat(result.counts().get(DeliveryStatus.DUPLICATE)).isEqualTo(3);
        assertThat(result.counts().get(DeliveryStatus.SUPPRESSED)).isEqualTo(1);
        assertThat(result.counts().total()).isEqualTo(10);
        assertThat(result.counts().allSent()).isTrue();
        assertThat(envelopeRecipients("everyrow")).containsExactlyInAnyOrder("ann@amis.example", "bob@amis.example",
                "chair@amis.example", "friend@amis.example", "dee@amis.example");
    }

    /**
     * One person written in two cases — in one Thunderbird CSV export, and across a CSV and an LDIF
     * export — is staged once, and the duplicate names the other spelling and where it is; the
     * suppression list and validate agree. A domain named case-sensitive keeps its two spellings apart.
     */
    @Test
    void onePersonWrittenInTwoCasesInThunderbirdExportsIsMailedOnce() throws IOException {
        home.write("data/tb.csv", "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email\r\n"
                + "Amélie,Martin,Amélie Martin,,amelie.martin@example.org,\r\n"
                + "Amélie,Martin,AMELIE MARTIN,,AMELIE.MARTIN@EXAMPLE.ORG,\r\n"
                + "Membre,1500,Membre 1500,,Membre1500@example.org,\r\n"
                + "Ann,Casse,Ann,,Ann@casse.example,\r\n"
                + "Ann,Casse,ann,,ann@casse.example,\r\n");
        home.write("data/book.ldif", "dn: cn=membre 1500,mail=membre1500@example.org\r\nobjectclass: top\r\n"
                + "objectclass: person\r\nobjectclass: mozillaAbPersonAlpha\r\ncn: membre 1500\r\n"
                + "mail: membre1500@EXAMPLE.org\r\n\r\n"
                + "dn: cn=Carole,mail=Carole.Leroy@example.org\r\nobjectclass: top\r\nobjectclass: person\r\n"
                + "objectclass: mozillaAbPersonAlpha\r\ncn: Carole\r\nmail: Carole.Leroy@example.org\r\n\r\n");
        suppressions.add("carole.leroy@EXAMPLE.org", SuppressionList.Reason.UNSUBSCRIBED, "asked by mail");
        Path job = job("spellings", "  - data/tb.csv\n  - data/book.ldif\n");

        ValidationReport report = validator.validate(job, YearMonth.of(2026, 11));
        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        List<Map<String, Object>> rows = rows(result.runId());
        assertThat(rows).extracting(r -> r.get("ADDRESS") + " " + r.get("STATUS") + " "
                + String.valueOf(r.get("REASON")).replaceFirst(" since \\d{4}-\\d{2}-\\d{2}\\)$", ")")).containsExactly(
                "amelie.martin@example.org SENT null",
                "AMELIE.MARTIN@example.org DUPLICATE same address as data/tb.csv:2, written amelie.martin@example.org",
                "Membre1500@example.org SENT null",
                "Ann@casse.example SENT null",
                "ann@casse.example SENT null",
                "membre1500@example.org DUPLICATE same address as data/tb.csv:4, written Membre1500@example.org",
                "Carole.Leroy@example.org SUPPRESSED on the suppression list (unsubscribed)");
        assertThat(rows).filteredOn(r -> "SENT".equals(r.get("STATUS"))).extracting(r -> r.get("ADDRESS_KEY"))
                .as("the key folds the local part, but on a case-sensitive domain")
                .containsExactly("amelie.martin@example.org", "membre1500@example.org", "Ann@casse.example", "ann@casse.example");
        assertThat(report.duplicates()).isEqualTo(result.counts().get(DeliveryStatus.DUPLICATE)).isEqualTo(2);
        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(report.rejectionsInEnglish()).contains("data/tb.csv:3: DUPLICATE, same address as data/tb.csv:2, written"
                + " amelie.martin@example.org ('AMELIE.MARTIN@example.org')");
        assertThat(envelopeRecipients("spellings")).containsExactlyInAnyOrder("amelie.martin@example.org",
                "Membre1500@example.org", "Ann@casse.example", "ann@casse.example");
    }

    @Test
    void anAudienceThatIsAllSuppressedFailsBeforeSending() {
        home.write("data/onlygone.csv", "email\nleft@amis.example\n");
        suppressions.add("LEFT@amis.example", SuppressionList.Reason.BOUNCED, null);
        Path job = job("allgone", "  - data/onlygone.csv\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.problemIsInput()).isTrue();
        assertThat(result.problem()).contains("audience is empty").contains("1 SUPPRESSED");
        assertThat(Files.exists(home.path("data/outbox/allgone"))).isFalse();
    }

    @Test
    void aResumedRunSendsToTheAudienceFrozenByItsFirstAttemptNotToTheFileAsItIsNow() throws IOException {
        home.write("data/frozen.csv", "email\nfirst@amis.example\nsecond@amis.example\n");
        Path job = job("frozen", "  - data/frozen.csv\n");
        home.write("templates/letter.txt.mustache", "{{undefined}}");

        RunResult failed = launcher.send(job, YearMonth.of(2026, 11));
        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);

        home.write("data/frozen.csv", "email\nfirst@amis.example\nthird@amis.example\n");
        home.writeTemplate("letter");
        RunResult resumed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(envelopeRecipients("frozen")).containsExactlyInAnyOrder("first@amis.example", "second@amis.example");
    }

    @Test
    void suppressionsCanBeAddedListedAndRemoved() {
        assertThat(suppressions.add("Someone@Amis.Example", SuppressionList.Reason.COMPLAINED, "spam report")).isTrue();
        assertThat(suppressions.add("not an address", SuppressionList.Reason.MANUAL, null)).isFalse();
        assertThat(suppressions.list()).anySatisfy(entry -> {
            assertThat(entry.address()).isEqualTo("Someone@amis.example");
            assertThat(entry.reason()).isEqualTo(SuppressionList.Reason.COMPLAINED);
        });
        assertThat(suppressions.isSuppressed("someone@AMIS.example")).isTrue();
        assertThat(suppressions.snapshot().reasons(List.of(suppressions.key("someone@AMIS.example"))))
                .containsOnlyKeys("someone@amis.example");
        assertThat(suppressions.remove("SOMEONE@amis.example")).isTrue();
        assertThat(suppressions.isSuppressed("someone@amis.example")).isFalse();
    }

    /**
     * A list longer than a staging reads whole is asked a slice of keys at a time, the last slice
     * padded: a suppressed address is found in any slice, the padding finds nothing twice or by mistake.
     */
    @Test
    void aListAskedAtEachCallFindsAKeyWhicheverSliceHoldsIt() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 123; i++) {
            keys.add("slice" + i + "@amis.example");
        }
        for (int suppressed : List.of(0, 49, 50, 77, 122)) {
            assertThat(suppressions.add("Slice" + suppressed + "@amis.example", SuppressionList.Reason.BOUNCED, null)).isTrue();
        }
        SuppressionList.Lookup asked = AudienceParts.askedAtEachCall(suppressions);

        assertThat(asked.reasons(keys)).containsOnlyKeys("slice0@amis.example", "slice49@amis.example",
                "slice50@amis.example", "slice77@amis.example", "slice122@amis.example");
        assertThat(asked.reasons(keys.subList(100, 121))).isEmpty();
    }

    /**
     * The rows are written in the background, a chunk behind the judging: when the database
     * refuses one (here a trigger, as a full disk would), the run fails at staging wherever the
     * chunk falls — in the middle (found when the next chunk is handed over, which is then not
     * written) or last (found when the step ends) — nothing is sent, and the next attempt stages
     * the whole audience afresh and mails each address once. The operator reads the database's
     * words, not Spring Batch's "Unable to process chunk".
     */
    @ParameterizedTest
    @ValueSource(ints = {2500, 1800})
    void aRowTheDatabaseRefusesFailsTheStagingAndTheNextAttemptStagesAllOnce(int audience) throws Exception {
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 1; i <= audience; i++) {
            csv.append("refused").append(i).append("@amis.example\n");
        }
        home.write("data/refused" + audience + ".csv", csv.toString());
        Path job = job("refused" + audience, "  - data/refused" + audience + ".csv\n", 100);
        boolean postgres = OnPostgres.databaseProduct(dataSource).equals("PostgreSQL");
        refuseRow(1500, postgres);
        RunResult failed;
        try {
            failed = launcher.send(job, YearMonth.of(2026, 11));
        } finally {
            allowRows(postgres);
        }

        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.problem()).as("the database's own words, not its wrappers'")
                .startsWith("database error: ").contains("no space left for row 1500")
                .doesNotContain("chunk", "INSERT", "@amis.example");
        assertThat(rows(failed.runId())).as("the first chunk only: the refused one rolled back, none after it")
                .hasSize(1000);
        assertThat(Files.exists(home.path("data/outbox/refused" + audience))).as("nothing sent").isFalse();

        RunResult resumed = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.counts().get(DeliveryStatus.SENT)).isEqualTo(audience);
        assertThat(resumed.counts().total()).isEqualTo(audience);
        List<String> mailed = envelopeRecipients("refused" + audience);
        assertThat(mailed).hasSize(audience).doesNotHaveDuplicates().contains("refused1500@amis.example");
    }

    private void refuseRow(int seq, boolean postgres) {
        if (postgres) {
            jdbc.sql("CREATE FUNCTION refuse_row() RETURNS trigger AS $$ BEGIN IF NEW.seq = " + seq
                    + " THEN RAISE EXCEPTION 'no space left for row " + seq + "'; END IF; RETURN NEW; END $$"
                    + " LANGUAGE plpgsql").update();
            jdbc.sql("CREATE TRIGGER refuse_row BEFORE INSERT ON bulletin_recipient FOR EACH ROW"
                    + " EXECUTE FUNCTION refuse_row()").update();
        } else {
            jdbc.sql("CREATE TRIGGER refuse_row BEFORE INSERT ON bulletin_recipient REFERENCING NEW ROW AS n"
                    + " FOR EACH ROW WHEN (n.seq = " + seq + ") SIGNAL SQLSTATE '45000'"
                    + " SET MESSAGE_TEXT = 'no space left for row " + seq + "'").update();
        }
    }

    private void allowRows(boolean postgres) {
        jdbc.sql("DROP TRIGGER refuse_row" + (postgres ? " ON bulletin_recipient" : "")).update();
        if (postgres) {
            jdbc.sql("DROP FUNCTION refuse_row()").update();
        }
    }

    private List<String> envelopeRecipients(String campaign) throws IOException {
        List<String> recipients = new ArrayList<>();
        try (Stream<Path> files = Files.list(home.path("data/outbox/" + campaign + "/2026-11"))) {
            for (Path envelope : files.filter(f -> f.toString().endsWith(".envelope")).toList()) {
                Files.readAllLines(envelope).stream().filter(l -> l.startsWith("RCPT TO:<"))
                        .map(l -> l.substring(9, l.length() - 1)).forEach(recipients::add);
            }
        }
        return recipients;
    }

    /**
     * validate and the stage step ask the same rules: over the same files (invalid rows, a duplicate
     * across two files and across chunks of 1,000, a suppressed address), the dry run's counts and
     * every reason it gives are what the stage step then records.
     */
    @Test
    void validateSaysExactlyWhatTheStageStepThenRecords() throws IOException {
        StringBuilder many = new StringBuilder("Email\n");
        for (int i = 1; i <= 1200; i++) {
            many.append("m").append(i).append("@amis.example\n");
        }
        many.append("m7@AMIS.example\nnot an address\n");
        home.write("data/many.csv", many.toString());
        home.write("data/more.txt", "m1100@AMIS.example\nstopped@amis.example\nfresh@amis.example\n");
        suppressions.add("stopped@amis.example", SuppressionList.Reason.UNSUBSCRIBED, null);
        Path job = job("agree", "  - data/many.csv\n  - data/more.txt\n");

        ValidationReport report = validator.validate(job, YearMonth.of(2026, 11));
        RunResult staged = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(staged.outcome()).as(staged.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(report.recipients()).isEqualTo(staged.counts().get(DeliveryStatus.SENT)).isEqualTo(1201);
        assertThat(report.invalid()).isEqualTo(staged.counts().get(DeliveryStatus.INVALID)).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(staged.counts().get(DeliveryStatus.DUPLICATE)).isEqualTo(2);
        assertThat(report.suppressed()).isEqualTo(staged.counts().get(DeliveryStatus.SUPPRESSED)).isEqualTo(1);
        List<String> recorded = jdbc.sql("SELECT source_file || ':' || source_line || ': ' || status || ', ' || reason"
                        + " FROM bulletin_recipient WHERE run_id = ? AND reason IS NOT NULL ORDER BY seq")
                .param(staged.runId()).query(String.class).list();
        assertThat(home.root().toString()).hasSizeGreaterThan(200);
        assertThat(recorded).satisfiesExactly(
                row -> assertThat(row).isEqualTo("data/many.csv:1202: DUPLICATE, same address as data/many.csv:8"),
                row -> assertThat(row).startsWith("data/many.csv:1203: INVALID, not a valid address"),
                row -> assertThat(row).isEqualTo("data/more.txt:1: DUPLICATE, same address as data/many.csv:1101"),
                row -> assertThat(row).startsWith("data/more.txt:2: SUPPRESSED, on the suppression list (unsubscribed"));
        assertThat(report.rejectionsInEnglish()).hasSize(4).allSatisfy(line ->
                assertThat(recorded).anySatisfy(ledger -> assertThat(line).startsWith(ledger)));
        assertThat(report.rejectionsInEnglish()).contains(
                "data/many.csv:1202: DUPLICATE, same address as data/many.csv:8 ('m7@amis.example')");
    }
}
