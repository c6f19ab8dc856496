package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audience.SuppressionList;
import bulletin.support.TestHome;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code validate}, {@code send --dry-run} and {@code suppress}, through picocli in-process. */
@SpringBootTest
class ValidateAndSuppressCommandTest {

    /** Deep, as a real home may be: every file is named from the home, whole. */
    static final TestHome home = TestHome.createDeep("validate");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.locale", () -> "en"); // the terminal's English sentences (FrenchTerminalTest has the French)
    }


    @Autowired
    JdbcClient jdbc;

    @Autowired
    CommandLineHarness cli;

    @BeforeEach
    void files() {
        home.writeTemplate("letter");
        home.write("data/mixed.csv", "name,email\nAnn,ann@amis.example\nBad,not-an-address\nAnn2,ann@amis.example\n"
                + "Gone,gone@amis.example\nBob,bob@amis.example\n");
        home.write("data/attachments/Programme.pdf", "%PDF-1.4\n" + "x".repeat(3000));
        home.writeJob("mixed", "mixed", "data/mixed.csv", 10, "outbox", "attachments:\n  - data/attachments/Programme.pdf");
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private long rows(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    @Test
    void validateShowsEveryFindingAndWritesNothing() {
        run("suppress", "add", "gone@amis.example", "--reason", "BOUNCED");
        long executions = rows("BATCH_JOB_EXECUTION");
        long ledger = rows("bulletin_recipient");

        int code = run("validate", "jobs/mixed.yml", "--period", "2026-11");

        assertThat(code).as(cli.err()).isEqualTo(0);
        assertThat(cli.out())
                .contains("can be sent (dry run: nothing was sent or written)")
                .contains("Subject: Lettre 2026-11")
                .contains("Attached: data/attachments/Programme.pdf (3 KB, application/pdf)")
                .containsPattern("would be sent to +2")
                .containsPattern("invalid rows +1")
                .containsPattern("duplicate rows +1")
                .containsPattern("suppressed addresses +1")
                .contains("\n  data/mixed.csv:3: INVALID, an address needs a local part")
                .contains("\n  data/mixed.csv:4: DUPLICATE, same address as data/mixed.csv:2 ('ann@amis.example')\n")
                .contains("\n  data/mixed.csv:5: SUPPRESSED, on the suppression list (bounced")
                .doesNotContain(home.root().toString());
        assertThat(rows("BATCH_JOB_EXECUTION")).isEqualTo(executions);
        assertThat(rows("bulletin_recipient")).isEqualTo(ledger);
        assertThat(Files.exists(home.path("data/outbox/mixed"))).isFalse();
    }

    @Test
    void aDryRunOfABrokenJobListsEveryProblemAndExitsWithTwo() {
        home.write("templates/broken.txt.mustache", "{{missing}}");
        home.write("jobs/broken.yml", "name: broken\nfrom: a@amis.example\nsubject: s\ntemplate: broken\n"
                + "recipients:\n  - data/mixed.csv\n  - list: nobody\nrelay: nowhere\n");

        int code = run("send", "jobs/broken.yml", "--dry-run");

        assertThat(code).isEqualTo(2);
        assertThat(cli.out())
                .contains("cannot be sent as it is")
                .contains("relay 'nowhere' is not defined")
                .contains("no list with the nickname 'nobody'")
                .contains("broken.txt.mustache line 1: no value for 'missing'");
        assertThat(Files.exists(home.path("data/outbox/broken"))).isFalse();
    }

    @Test
    void suppressAddsListsImportsAndRemoves() throws Exception {
        assertThat(run("suppress", "add", "one@amis.example", "Two <two@amis.example>", "--note", "asked at the AGM")).isEqualTo(0);
        assertThat(cli.out()).contains("2 addresses suppressed (manual)");

        home.write("data/unsubscribed.txt", "# from the webmail\nthree@amis.example\n\nnot an address\n");
        // What can be imported is, and the import succeeds; the line that is not an address is named.
        assertThat(run("suppress", "import", home.path("data/unsubscribed.txt").toString())).isEqualTo(0);
        assertThat(cli.out()).contains("unsubscribed.txt:4: not an address, skipped: not an address")
                .contains("1 address suppressed (unsubscribed)").contains("1 skipped (named above)");

        assertThat(run("suppress", "list")).isEqualTo(0);
        assertThat(cli.out()).contains("one@amis.example").contains("asked at the AGM").contains("two@amis.example")
                .contains("three@amis.example").contains("UNSUBSCRIBED");

        assertThat(run("suppress", "remove", "ONE@amis.example", "nobody@amis.example")).isEqualTo(2);
        assertThat(cli.out()).contains("removed ONE@amis.example").contains("not on the list: nobody@amis.example");
        run("suppress", "list");
        assertThat(cli.out()).doesNotContain("one@amis.example");

        assertThat(run("suppress", "import", "data/absent.txt")).isEqualTo(2);
        assertThat(cli.err()).contains("no such file");
    }

    /** After a mistake (a relay's bad day that bounced a provider's members): one batch taken back, seen first. */
    @Test
    void aBatchOfSuppressionsIsListedAndTakenBackByRunAndReason(@Autowired SuppressionList suppressions) {
        for (String address : List.of("b1@batch.example", "b2@batch.example", "b3@batch.example")) {
            suppressions.addIfAbsent(address, SuppressionList.Reason.BOUNCED, "5.7.1 blocked", 41L, "mailbox 'mailbox'");
        }
        suppressions.addIfAbsent("left@batch.example", SuppressionList.Reason.UNSUBSCRIBED, "asked", 41L, "mailbox 'mailbox'");
        suppressions.addIfAbsent("other@batch.example", SuppressionList.Reason.BOUNCED, "5.1.1", 42L, "mailbox 'mailbox'");

        assertThat(run("suppress", "list", "--run", "41", "--reason", "BOUNCED")).isZero();
        assertThat(cli.out()).contains("b1@batch.example").contains("b3@batch.example").doesNotContain("left@")
                .doesNotContain("other@").contains("3 suppressed addresses");

        assertThat(run("suppress", "remove", "--run", "41", "--reason", "BOUNCED", "--dry-run")).isZero();
        assertThat(cli.out()).contains("would remove b2@batch.example (BOUNCED: 5.7.1 blocked)")
                .contains("Dry run: 3 would be removed (BOUNCED from run 41); nothing was changed.");
        assertThat(suppressions.isSuppressed("b2@batch.example")).isTrue();

        assertThat(run("suppress", "remove", "--run", "41", "--reason", "BOUNCED")).isZero();
        assertThat(cli.out()).contains("3 removed (BOUNCED from run 41)");
        assertThat(suppressions.isSuppressed("b1@batch.example")).isFalse();
        assertThat(suppressions.isSuppressed("left@batch.example")).as("another reason").isTrue();
        assertThat(suppressions.isSuppressed("other@batch.example")).as("another run").isTrue();

        assertThat(run("suppress", "remove")).as("neither addresses nor a batch").isEqualTo(2);
        assertThat(cli.err()).contains("nothing was removed");
    }
}
