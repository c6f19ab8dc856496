package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.TestHome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code send} driven through picocli in-process: output and exit codes. */
@SpringBootTest
class SendCommandTest {

    static final TestHome home = TestHome.create("cli");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.locale", () -> "en"); // the terminal's English sentences (FrenchTerminalTest has the French)
    }


    @Autowired
    CommandLineHarness cli;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void sendsAJobAndPrintsTheSummaryThenSaysAPeriodWasAlreadySent() {
        home.writeTemplate("letter");
        home.writeRecipients("data/cli.csv", TestHome.members("cli", 12));
        home.writeJob("cli", "cli", "data/cli.csv", 5, "outbox", null);

        int first = run("send", "jobs/cli.yml", "--period", "2026-11");

        assertThat(first).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).contains("Campaign cli 2026-11 (run ", ") completed.").containsPattern("SENT +12")
                .containsPattern("total +12").contains("Audit: ");

        int second = run("send", "jobs/cli.yml", "--period", "2026-11");

        assertThat(second).isEqualTo(0);
        assertThat(cli.out()).contains("was already sent: nothing was sent now");
    }

    @Test
    void aBadJobFileExitsWithTwoAndOneSentenceNamingTheFileAndKey() {
        home.write("jobs/typo.yml", "name: typo\nfrom: a@amis.example\nsubjet: x\n");

        int code = run("send", "jobs/typo.yml");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("typo.yml:3").contains("unknown key 'subjet'").doesNotContain("\tat ");
    }

    @Test
    void aRenderFailureExitsWithTwoAndSaysNothingWasSent() {
        home.writeTemplate("letter");
        home.write("templates/broken.txt.mustache", "{{nothing}}");
        home.writeRecipients("data/broken.csv", TestHome.members("broken", 3));
        home.write("jobs/broken.yml", "name: broken\nfrom: a@amis.example\nsubject: s\ntemplate: broken\n"
                + "recipients: [data/broken.csv]\nrelay: outbox\n");

        int code = run("send", "jobs/broken.yml", "--period", "2026-11");

        assertThat(code).isEqualTo(2);
        assertThat(cli.out()).contains("FAILED").contains("broken.txt.mustache line 1")
                .contains("'nothing'").contains("Nothing was sent");
    }

    @Test
    void aBadPeriodOrAnUnknownRelayIsAUsageError() {
        home.writeTemplate("letter");
        home.writeRecipients("data/p.csv", TestHome.members("p", 1));
        home.writeJob("p", "p", "data/p.csv", 5, "nowhere", null);

        assertThat(run("send", "jobs/p.yml", "--period", "November")).isEqualTo(2);
        assertThat(cli.err()).contains("--period is a month as YYYY-MM");

        assertThat(run("send", "jobs/p.yml", "--period", "2026-11")).isEqualTo(2);
        assertThat(cli.err()).contains("relay 'nowhere' is not defined").contains("outbox");
    }

    @Test
    void everyCommandHasHelpAndTheToolHasAVersion() {
        assertThat(run("send", "--help")).isEqualTo(0);
        assertThat(cli.out()).contains("--period");
        assertThat(run("--version")).isEqualTo(0);
        assertThat(cli.out()).contains("bulletin");
        assertThat(run()).isEqualTo(2);
        assertThat(cli.err()).contains("Commands:").contains("send").contains("validate").contains("suppress");
    }
}
