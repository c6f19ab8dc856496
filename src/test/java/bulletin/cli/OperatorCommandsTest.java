package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.Ledger;
import bulletin.run.RunLocks;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operator's commands on runs: status, audit, restart with re-opened recipients, abandon. */
@SpringBootTest
class OperatorCommandsTest {

    static final TestHome home = TestHome.create("operator");
    static final ScriptedSmtpServer server = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        TestHome.relay(registry, "rec", server::port);
        registry.add("bulletin.relays.rec.retry.max-attempts", () -> "2");
        registry.add("bulletin.relays.rec.retry.initial-backoff", () -> "2ms");
        registry.add("bulletin.locale", () -> "en-GB"); // the report page in English
    }


    @Autowired
    CommandLineHarness cli;

    @Autowired
    RunLocks locks;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stop() {
        server.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private long runId() {
        Matcher matcher = Pattern.compile("\\(run (\\d+)\\)").matcher(cli.out());
        assertThat(matcher.find()).as(cli.out()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void failedRecipientsAreShownAuditedAndSentAgainWhenTheOperatorAsks() throws Exception {
        home.writeTemplate("letter");
        List<String> members = TestHome.members("ops", 6);
        home.writeRecipients("data/ops.csv", members);
        home.writeJob("ops", "ops", "data/ops.csv", 3, "rec", null);
        server.answeringRcpt(address -> address.startsWith("ops002") ? "451 4.3.0 mailbox busy" : null);

        assertThat(run("send", "jobs/ops.yml", "--period", "2026-11")).as(cli.err()).isEqualTo(3);
        long runId = runId();
        assertThat(cli.out()).containsPattern("FAILED +1").containsPattern("SENT +5")
                .contains("bulletin restart " + runId + " --resend-failed");

        assertThat(run("status", "ops")).isEqualTo(0);
        assertThat(cli.out()).contains(runId + "  ops").contains("COMPLETED").contains("5 SENT, 1 FAILED (total 6)");

        assertThat(run("audit", String.valueOf(runId), "--state", "FAILED")).isEqualTo(0);
        assertThat(cli.out()).contains(members.get(1)).contains("451 4.3.0 mailbox busy").contains("1 recipient");
        assertThat(run("audit", String.valueOf(runId), "--csv", home.path("ops-audit.csv").toString())).isEqualTo(0);
        List<String> audit = Files.readAllLines(home.path("ops-audit.csv"));
        assertThat(audit).hasSize(7);
        assertThat(audit.subList(1, 7)).allMatch(line -> line.startsWith("ops,2026-11,"))
                .anyMatch(line -> line.contains(members.get(1)) && line.contains("FAILED") && line.contains("451 4.3.0"));

        server.answeringRcpt(address -> null);
        assertThat(run("restart", String.valueOf(runId))).isEqualTo(3);
        assertThat(cli.out()).contains("already sent: nothing was sent now").doesNotContain("--period")
                .contains("bulletin restart " + runId + " --resend-failed sends them again");

        assertThat(run("restart", String.valueOf(runId), "--resend-failed")).as(cli.out()).isEqualTo(0);
        assertThat(cli.out()).containsPattern("SENT +6").contains("Report: ").contains(".html");
        assertThat(server.acceptedRecipients()).filteredOn(members::contains).containsExactlyInAnyOrderElementsOf(members);

        // The report, written again: both attempts (the send, then the resend of the failed one), all sent.
        assertThat(run("report", String.valueOf(runId), "--out", home.path("ops.html").toString())).isZero();
        assertThat(cli.out()).contains("written to " + home.path("ops.html"));
        String page = Files.readString(home.path("ops.html"));
        assertThat(page).containsPattern("data-state=\"SENT\".*data-count=\"6\"").doesNotContain("data-problem=");
        assertThat(page.split("data-attempt=").length - 1).isEqualTo(2);
        // In bulletin.locale's language, with the busy mailbox's try again of the first attempt.
        assertThat(page).contains("<html lang=\"en\">").contains("At a glance").doesNotContain("En bref")
                .contains("1 recipient tried again after").contains("451 4.3.0 mailbox busy");
        assertThat(run("report", "999999")).isEqualTo(2);
    }

    @Test
    void anAbandonedRunIsNotResumedAndAnUnknownRunIsAUsageError() {
        home.writeTemplate("letter");
        home.writeRecipients("data/give.csv", TestHome.members("give", 2));
        home.write("templates/give.txt.mustache", "{{nothing}}");
        home.write("jobs/give.yml", "name: give\nfrom: a@amis.example\nsubject: s\ntemplate: give\nrecipients: [data/give.csv]\nrelay: rec\n");
        assertThat(run("send", "jobs/give.yml", "--period", "2026-11")).isEqualTo(2);
        long runId = runId();

        assertThat(run("abandon", String.valueOf(runId))).isEqualTo(0);
        assertThat(cli.out()).contains("abandoned by the operator");
        assertThat(run("restart", String.valueOf(runId))).isEqualTo(2);
        assertThat(run("status", "give")).isEqualTo(0);
        assertThat(cli.out()).contains("ABANDONED");

        assertThat(run("restart", "999999")).isEqualTo(2);
        assertThat(cli.err()).contains("there is no run 999999");
        assertThat(run("audit", "999999")).isEqualTo(2);
    }

    /** Abandon is not a dead end: the period can be sent after all, in a new run that mails nobody twice. */
    @Test
    void anAbandonedPeriodIsSentAfterAllInANewRunThatMailsNobodyTwice() {
        home.writeTemplate("letter");
        List<String> members = TestHome.members("again", 6);
        home.writeRecipients("data/again.csv", members);
        home.writeJob("again", "again", "data/again.csv", 2, "rec", null);
        server.droppingAfterMessagesPerConnection(1).afterAnsweringData(n -> server.greeting("421 4.3.2 going away"));
        try {
            assertThat(run("send", "jobs/again.yml", "--period", "2026-11")).as(cli.out()).isEqualTo(1);
        } finally {
            server.droppingAfterMessagesPerConnection(0).afterAnsweringData(n -> { }).greeting("220 ready");
        }
        long first = runId();
        List<String> reached = List.copyOf(server.acceptedRecipients().stream().filter(members::contains).toList());
        assertThat(reached).hasSize(2);

        assertThat(run("abandon", String.valueOf(first))).isZero();
        assertThat(cli.out()).contains("bulletin send jobs/again.yml --period 2026-11 --new-run");
        assertThat(run("send", "jobs/again.yml", "--period", "2026-11")).as("without --new-run: still abandoned").isEqualTo(2);
        assertThat(cli.out()).contains("--new-run");

        // The member file is re-exported meanwhile, the two already mailed now written in capitals.
        home.writeRecipients("data/again.csv", members.stream()
                .map(address -> reached.contains(address) ? address.toUpperCase(java.util.Locale.ROOT) : address).toList());
        assertThat(run("send", "jobs/again.yml", "--period", "2026-11", "--new-run")).as(cli.out()).isZero();
        assertThat(runId()).isNotEqualTo(first);
        assertThat(cli.out()).containsPattern("SENT +4").containsPattern("SUPPRESSED +2");
        assertThat(server.acceptedRecipients().stream().map(address -> address.toLowerCase(java.util.Locale.ROOT))
                .filter(members::contains).toList())
                .as("everyone once, whatever the case of their address").containsExactlyInAnyOrderElementsOf(members);

        assertThat(run("send", "jobs/again.yml", "--period", "2026-11")).isZero();
        assertThat(cli.out()).contains("already sent");
    }

    /**
     * A run of campaign {@code name} to {@code members} whose first attempt failed (the relay refused
     * to talk: nobody sent), then marked running as a process killed in the middle of it leaves it.
     */
    private long runLeftRunning(String name, List<String> members) {
        home.writeTemplate("letter");
        home.writeRecipients("data/" + name + ".csv", members);
        home.writeJob(name, name, "data/" + name + ".csv", 2, "rec", null);
        server.greeting("421 4.3.2 service not available");
        try {
            assertThat(run("send", "jobs/" + name + ".yml", "--period", "2026-11")).as(cli.out()).isEqualTo(1);
        } finally {
            server.greeting("220 ready");
        }
        long runId = runId();
        assertThat(cli.out()).contains("or: bulletin restart " + runId);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_INSTANCE_ID = ?", runId);
        return runId;
    }

    /**
     * A process that died with a message on the wire left its rows PENDING, named only by the
     * message's transaction: abandoning the run makes them IN_DOUBT, as a restart would, and the
     * new run of the period does not mail them again.
     */
    @Test
    void abandoningARunThatDiedWithAMessageOnTheWireKeepsItsRecipientsFromTheNewRun() {
        List<String> members = TestHome.members("wire", 4);
        long first = runLeftRunning("wire", members);
        // What a process killed just after its round's commit leaves: a message to seqs 1 and 2 on the wire.
        int messageNo = ledger.nextMessageNumber(first);
        ledger.inOwnTransaction(() -> ledger.markSending(first, 1,
                List.of(new Ledger.Sending(List.of(1, 2), messageNo, "<w1@spec>"))));
        assertThat(run("audit", String.valueOf(first))).isZero();
        assertThat(cli.out()).containsPattern("wire001\\S* +SENDING").containsPattern("wire003\\S* +PENDING");

        assertThat(run("abandon", String.valueOf(first))).as(cli.err()).isZero();
        assertThat(run("status", "wire")).isZero();
        assertThat(cli.out()).contains("2 PENDING, 2 IN_DOUBT (total 4)");

        assertThat(run("send", "jobs/wire.yml", "--period", "2026-11", "--new-run")).as(cli.out()).isZero();
        assertThat(server.acceptedRecipients()).as("the two on the wire are not mailed again")
                .contains(members.get(2), members.get(3)).doesNotContain(members.get(0), members.get(1));
    }

    /**
     * The same message on the wire, and the run resumed by sending the period again: its two
     * recipients are IN_DOUBT and said so once (the launcher recovers the run, the attempt's reader
     * then finds nothing left), the two others are sent.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void resumingARunThatDiedWithAMessageOnTheWireSaysOnceWhoIsInDoubtAndSendsTheRest(CapturedOutput output) {
        List<String> members = TestHome.members("resumed", 4);
        long first = runLeftRunning("resumed", members);
        int messageNo = ledger.nextMessageNumber(first);
        ledger.inOwnTransaction(() -> ledger.markSending(first, 1,
                List.of(new Ledger.Sending(List.of(1, 2), messageNo, "<r1@spec>"))));

        assertThat(run("send", "jobs/resumed.yml", "--period", "2026-11")).as(cli.out()).isEqualTo(3);
        assertThat(cli.out()).containsPattern("SENT +2").containsPattern("IN_DOUBT +2");
        // The terminal's log lines speak the association's language: "2 recipients of run N are IN_DOUBT", or in French.
        Matcher said = Pattern.compile("2 (recipients of run|destinataires de l'envoi) " + first + " (are|sont) IN_DOUBT")
                .matcher(output.getAll());
        assertThat(said.results().count()).as(output.getAll()).isEqualTo(1);
        assertThat(server.acceptedRecipients()).contains(members.get(2), members.get(3))
                .doesNotContain(members.get(0), members.get(1));
    }

    /**
     * A run the database marks as running is either being sent by a live process (its run lock is
     * held: status says RUNNING, restart and abandon are refused) or was left so by one that died
     * (the lock is free: status says INTERRUPTED, restart recovers and resumes it).
     */
    @Test
    void aRunMarkedRunningIsRefusedWhileItsLockIsHeldAndResumedOnceItIsNot() {
        List<String> members = TestHome.members("held", 4);
        long runId = runLeftRunning("held", members);

        assertThat(run("status", "held")).isEqualTo(0);
        assertThat(cli.out()).containsPattern(runId + " +held +2026-11 +INTERRUPTED");

        try (RunLocks.Held sending = locks.acquire("held", "2026-11")) {
            assertThat(run("status", "held")).isEqualTo(0);
            assertThat(cli.out()).containsPattern(runId + " +held +2026-11 +RUNNING");
            assertThat(run("send", "jobs/held.yml", "--period", "2026-11")).isEqualTo(2);
            // On one host the lock names the process; in a database several hosts share, the host too.
            assertThat(cli.err()).containsPattern("held 2026-11 is being sent right now by another Bulletin process \\((host \\S+, )?pid "
                    + ProcessHandle.current().pid());
            assertThat(run("restart", String.valueOf(runId))).isEqualTo(2);
            assertThat(run("abandon", String.valueOf(runId))).isEqualTo(2);
            assertThat(server.acceptedRecipients()).doesNotContainAnyElementsOf(members);
        }

        assertThat(run("restart", String.valueOf(runId))).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).containsPattern("SENT +4");
        assertThat(server.acceptedRecipients()).filteredOn(members::contains).containsExactlyInAnyOrderElementsOf(members);
    }
}
