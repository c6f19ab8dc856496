package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.feedback.Mails;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.support.MailboxServer;
import bulletin.support.TestHome;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What the operator reads: feedback's report, and bounces and requests in status, audit and the suppression list. */
@SpringBootTest
class FeedbackCommandTest {

    static final TestHome home = TestHome.create("feedback-cli");
    static MailboxServer server;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.locale", () -> "en"); // the terminal's English sentences (FrenchTerminalTest has the French)
        server = new MailboxServer();
        server.registerImaps(registry, "mailbox");
        registry.add("bulletin.mailboxes.mailbox.authserv-id", () -> Mails.AUTHSERV_ID);
        registry.add("bulletin.feedback.confirm-unsubscribe", () -> "true");
        registry.add("bulletin.feedback.confirm-relay", () -> "outbox");
        registry.add("bulletin.notify.to", () -> "secretaire@amis.example");
        registry.add("bulletin.notify.relay", () -> "outbox");
        // The same account with a wrong password: what validate --connect must catch before the month's send.
        server.registerImaps(registry, "wrongbox");
        registry.add("bulletin.mailboxes.wrongbox.password", () -> "not-the-password");
    }

    /** validate --connect logs in to every mailbox the campaign uses, one line each, and fails on a refused login. */
    @Test
    void validateConnectLogsInToTheMailboxesTheCampaignUses() {
        home.writeTemplate("letter");
        home.writeRecipients("data/check.csv", List.of("one@members.example"));
        home.writeJob("checked", "checked", "data/check.csv", 50, "outbox", "sent-copy: mailbox");
        home.writeJob("wrong", "wrong", "data/check.csv", 50, "outbox", "sent-copy: wrongbox");

        assertThat(cli.run("validate", "jobs/checked.yml", "--connect")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("Mailbox 'mailbox' (Sent copy, feedback): logged in to imap 127.0.0.1:"
                + server.imapsPort() + " (ssl) as '" + MailboxServer.USER + "'");

        assertThat(cli.run("validate", "jobs/wrong.yml", "--connect")).as(cli.out()).isEqualTo(2);
        assertThat(cli.out()).contains("Mailbox 'wrongbox' (Sent copy) FAILED: mailbox 'wrongbox'")
                .contains("refused the login").contains("Mailbox 'mailbox' (feedback): logged in")
                .doesNotContain("not-the-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Autowired
    CommandLineHarness cli;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Test
    void feedbackSaysWhatItDidAndStatusAuditAndTheSuppressionListShowIt() throws Exception {
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", List.of("gone@members.example", "leaving@members.example",
                "stays@members.example"));
        home.writeJob("monthly", "monthly", "data/members.csv", 50, "outbox", "unsubscribe: " + Mails.UNSUBSCRIBE);
        assertThat(cli.run("send", "jobs/monthly.yml", "--period", "2026-11")).as(cli.err()).isZero();
        Matcher matcher = Pattern.compile("\\(run (\\d+)\\)").matcher(cli.out());
        assertThat(matcher.find()).as(cli.out()).isTrue();
        long run = Long.parseLong(matcher.group(1));
        String id = LedgerParts.shownOf(ledger, "gone@members.example").get(0).messageId();
        server.deliver(Mails.postfixBounce("f1", "gone@members.example", "5.1.1", "failed",
                "550 5.1.1 <gone@members.example>: Recipient address rejected: User unknown", id));
        server.deliver(Mails.vouchedRequest("f2", "leaving@members.example", Mails.UNSUBSCRIBE, "STOP", ""));
        server.deliver(Mails.autoReply("f3", "stays@members.example"));

        assertThat(cli.run("feedback", "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Dry run — Mailbox 'mailbox'").contains("would act on a bounce")
                .contains("would act on an unsubscribe request").contains("nothing was changed");

        assertThat(cli.run("feedback")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("gone@members.example: bounced for good (5.1.1, run " + run + "): suppressed")
                .contains("leaving@members.example: asked by mail (\"STOP\"): suppressed")
                .contains("2 address(es) suppressed").contains("Left alone, untouched and unread: 1 (1 automatic reply)");

        assertThat(cli.out()).contains("leaving@members.example: confirmation sent through relay 'outbox'");
        // The secretary is told of the changed list, once, with what came back.
        List<String> told = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(home.path("data/outbox/notices"))) {
            for (java.nio.file.Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                try (var in = java.nio.file.Files.newInputStream(eml)) {
                    var notice = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                    if (!"Bulletin: the mailbox's feedback changed the list".equals(notice.getSubject())) {
                        continue; // a run's notice
                    }
                    String text = (String) notice.getContent(); // no report attached: plain text
                    if (text.contains("gone@members.example")) {
                        told.add(notice.getHeader("To", ",") + " " + text);
                    }
                }
            }
        }
        assertThat(told).singleElement().satisfies(notice -> assertThat(notice).startsWith("secretaire@amis.example ")
                .contains("leaving@members.example"));
        try (var files = java.nio.file.Files.list(home.path("data/outbox/confirmations"))) {
            String confirmation = java.nio.file.Files.readString(files.filter(f -> f.toString().endsWith(".eml"))
                    .findFirst().orElseThrow());
            assertThat(confirmation).contains("To: leaving@members.example").contains("From: " + Mails.UNSUBSCRIBE)
                    .contains("Auto-Submitted: auto-replied");
        }

        assertThat(cli.run("status")).isZero();
        assertThat(cli.out()).contains("1 BOUNCED").contains("feedback: 1 unsubscribed, 1 bounced");

        assertThat(cli.run("audit", String.valueOf(run), "--state", "BOUNCED")).isZero();
        assertThat(cli.out()).contains("gone@members.example").contains("BOUNCED").contains("User unknown");

        assertThat(cli.run("suppress", "list")).isZero();
        assertThat(cli.out()).contains("why").containsPattern("gone@members\\.example +BOUNCED +\\S+ +" + run
                + " +mailbox 'mailbox' +5\\.1\\.1 on ").containsPattern("leaving@members\\.example +UNSUBSCRIBED");
    }

    /** The sender's problems (DMARC, a banned relay IP) and a full mailbox: nobody suppressed, and cron hears of it. */
    @Test
    void membersRefusedBecauseOfTheSenderAreKeptAndFeedbackExitsFive() throws Exception {
        home.writeTemplate("letter");
        List<String> members = List.of("dmarc1@gmail.example", "dmarc2@gmail.example", "banned@outlook.example",
                "quota@members.example");
        home.writeRecipients("data/refused.csv", members);
        home.writeJob("refused", "refused", "data/refused.csv", 50, "outbox", null);
        assertThat(cli.run("send", "jobs/refused.yml", "--period", "2026-11")).as(cli.err()).isZero();
        for (String address : members) {
            String id = LedgerParts.shownOf(ledger, address).get(0).messageId();
            String[] failure = address.startsWith("dmarc") ? new String[] {"5.7.26", "550 5.7.26 <" + address + ">:"
                    + " Unauthenticated email from amis.example is not accepted due to domain's DMARC policy"}
                    : address.startsWith("banned") ? new String[] {"5.7.606", "550 5.7.606 Access denied, banned sending"
                    + " IP [192.0.2.1]"}
                    : new String[] {"5.2.2", "552 5.2.2 The email account that you tried to reach is over quota"};
            server.deliver(Mails.postfixBounce("c-" + address, address, failure[0], "failed", failure[1], id));
        }

        int code = cli.run("feedback");

        assertThat(code).as(cli.out() + cli.err()).isEqualTo(5);
        assertThat(cli.out()).contains("Campaign problem: members were refused because of the sender or the message")
                .containsPattern("\\n  gmail\\.example: 2 refused, e\\.g\\. refused because of the sender or the message \\(5\\.7\\.26")
                .contains("outlook.example: 1 refused").contains("banned sending IP")
                .contains("quota@members.example: temporary failure (5.2.2")
                .contains("0 address(es) suppressed");
        assertThat(cli.run("suppress", "list")).isZero();
        assertThat(cli.out()).doesNotContain("gmail.example").doesNotContain("outlook.example").doesNotContain("quota@");
        assertThat(members.stream().map(address -> LedgerParts.shownOf(ledger, address).get(0).status()))
                .containsOnly(DeliveryStatus.SENT).hasSize(4);
        // status and the run's report say it too, per domain, without the members' addresses.
        long run = jdbc.sql("SELECT run_id FROM bulletin_recipient WHERE address = ?").param("quota@members.example")
                .query(Long.class).single();
        assertThat(cli.run("status")).isZero();
        assertThat(cli.out()).contains("CAMPAIGN PROBLEM, refused because of the sender: gmail.example 2, outlook.example 1");
        assertThat(cli.run("report", String.valueOf(run), "--out", home.path("refused.html").toString())).isZero();
        String page = java.nio.file.Files.readString(home.path("refused.html"));
        assertThat(page).contains("data-campaign-problem=\"gmail.example\">gmail.example")
                .contains("data-campaign-problem=\"outlook.example\">outlook.example").contains("DMARC policy")
                .doesNotContain("dmarc1@").doesNotContain("dmarc2@");
        // What was counted against the full mailbox is there for the operator to see.
        assertThat(cli.run("audit", "--address", "quota@members.example")).isZero();
        assertThat(cli.out()).containsPattern("temporary failure counted on \\d{4}-\\d{2}-\\d{2} after run \\d+: 5\\.2\\.2 552 5\\.2\\.2")
                .contains("1 temporary failure counted").contains("not on the suppression list");
    }

    /** A stranger's escape sequences (set the window title, erase the line) are shown on the terminal, never obeyed. */
    @Test
    void textFromOutsideReachesTheTerminalEscapedNotObeyed() throws Exception {
        String hostile = "STOP \u001b]0;pwned\u0007\u001b[2K\u202e";
        server.deliver(Mails.request("esc", "nobody@members.example", Mails.UNSUBSCRIBE, hostile, ""));
        home.writeTemplate("letter");
        home.writeRecipients("data/esc.csv", List.of("esc@members.example"));
        home.writeJob("esc", "esc", "data/esc.csv", 50, "outbox", "unsubscribe: " + Mails.UNSUBSCRIBE);
        assertThat(cli.run("send", "jobs/esc.yml", "--period", "2026-11")).as(cli.err()).isZero();

        assertThat(cli.run("feedback")).as(cli.err()).isIn(0, 5);
        String feedback = cli.out() + cli.err();
        assertThat(cli.run("suppress", "add", "esc@members.example", "--note", hostile)).isZero();
        assertThat(cli.run("suppress", "list")).isZero();
        String list = cli.out();
        assertThat(cli.run("audit", "--address", "esc@members.example")).isZero();
        String audit = cli.out();

        for (String printed : List.of(feedback, list, audit)) {
            assertThat(printed).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                    .contains("\\u001b]0;pwned\\u0007\\u001b[2K\\u202e");
        }
    }
}
