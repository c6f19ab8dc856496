package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.audience.SuppressionList;
import bulletin.batch.NewsletterLauncher;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.mailbox.MailboxConfigurationException;
import bulletin.mailbox.MailboxException;
import bulletin.mailbox.MailboxSession;
import bulletin.mailbox.Mailboxes;
import bulletin.run.RunResult;
import bulletin.support.MailboxServer;
import bulletin.support.TestHome;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The feedback loop against a real IMAP and POP3 server over TLS (GreenMail): bounces in every
 * common format, automatic replies, requests in French and English, and unrelated mail, which
 * must stay where it is, unread.
 */
@SpringBootTest
class MailboxFeedbackTest {

    static final TestHome home = TestHome.create("feedback");
    static MailboxServer server;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        server = new MailboxServer();
        for (String protocol : List.of("imap", "pop3")) {
            String prefix = "bulletin.mailboxes." + protocol + ".";
            registry.add(prefix + "protocol", () -> protocol);
            registry.add(prefix + "host", () -> "127.0.0.1");
            registry.add(prefix + "port", () -> protocol.equals("imap") ? server.imapsPort() : server.pop3sPort());
            registry.add(prefix + "security", () -> "ssl");
            registry.add(prefix + "username", () -> MailboxServer.USER);
            registry.add(prefix + "password", () -> MailboxServer.PASSWORD);
            registry.add(prefix + "trust-certificate", () -> MailboxServer.certificate().pem().toString());
        }
        registry.add("bulletin.mailboxes.pop3.delete-processed", () -> "true");
        registry.add("bulletin.mailboxes.imap.authserv-id", () -> Mails.AUTHSERV_ID);
        registry.add("bulletin.mailboxes.pop3.authserv-id", () -> Mails.AUTHSERV_ID);
        registry.add("bulletin.feedback.confirm-relay", () -> "outbox");
        registry.add("bulletin.feedback.mailbox", () -> "imap");
        registry.add("bulletin.mailboxes.untrusted.host", () -> "127.0.0.1");
        registry.add("bulletin.mailboxes.untrusted.port", () -> server.imapsPort());
        registry.add("bulletin.mailboxes.untrusted.username", () -> MailboxServer.USER);
        registry.add("bulletin.mailboxes.untrusted.password", () -> MailboxServer.PASSWORD);
        registry.add("bulletin.mailboxes.clear.host", () -> "127.0.0.1");
        registry.add("bulletin.mailboxes.clear.port", () -> 143);
        registry.add("bulletin.mailboxes.clear.security", () -> "none");
        registry.add("bulletin.mailboxes.clear.username", () -> MailboxServer.USER);
        registry.add("bulletin.mailboxes.clear.password", () -> MailboxServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Autowired
    NewsletterLauncher launcher;
    @Autowired
    MailboxFeedback feedback;
    @Autowired
    Mailboxes mailboxes;
    @Autowired
    bulletin.campaign.CampaignValidator validator;
    @Autowired
    SuppressionList suppressions;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    static final List<String> MEMBERS = List.of("gone@members.example", "gmail.gone@members.example",
            "ms.gone@members.example", "exim.gone@members.example", "qmail.gone@members.example",
            "full@members.example", "leaving@members.example", "partir@members.example", "talkative@members.example",
            "away@members.example", "complains@members.example", "quiet@members.example", "overflow@members.example");

    static long run;

    @BeforeAll
    static void sendTheNewsletter(@Autowired NewsletterLauncher launcher) {
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", MEMBERS);
        Path job = home.writeJob("monthly", "monthly", "data/members.csv", 50, "outbox",
                "unsubscribe: " + Mails.UNSUBSCRIBE);
        RunResult result = launcher.send(job, YearMonth.of(2026, 11));
        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        run = result.runId();
    }

    private String messageIdOf(String address) {
        return LedgerParts.shownRow(ledger, run, address).messageId();
    }

    private Map<String, SuppressionList.Entry> suppressed() {
        return suppressions.list().stream().collect(Collectors.toMap(SuppressionList.Entry::address, e -> e));
    }

    private String stateOf(String address) {
        return LedgerParts.shownRow(ledger, run, address).status().name();
    }

    @Test
    void bouncesAndRequestsGoToTheSuppressionListAndEverythingElseStaysUnread() {
        int inbox = server.inbox().size();
        int processed = server.folderMessages("Bulletin.Traités").size();
        server.deliver(Mails.postfixBounce("b1", "gone@members.example", "5.1.1", "failed",
                "550 5.1.1 <gone@members.example>: Recipient address rejected: User unknown", messageIdOf("gone@members.example")));
        server.deliver(Mails.gmailBounce("b2", "gmail.gone@members.example", messageIdOf("gmail.gone@members.example")));
        server.deliver(Mails.microsoftBounce("b3", "ms.gone@members.example", messageIdOf("ms.gone@members.example")));
        server.deliver(Mails.eximBounce("b4", "exim.gone@members.example", messageIdOf("exim.gone@members.example")));
        server.deliver(Mails.qmailBounce("b5", "qmail.gone@members.example", messageIdOf("qmail.gone@members.example")));
        server.deliver(Mails.postfixBounce("b6", "full@members.example", "4.2.2", "delayed",
                "452 4.2.2 Mailbox full", messageIdOf("full@members.example")));
        server.deliver(Mails.postfixBounce("b7", "stranger@elsewhere.example", "5.1.1", "failed",
                "550 5.1.1 unknown", "<private-mail@amis.example>"));
        server.deliver(Mails.autoReply("a1", "away@members.example"));
        server.deliver(Mails.outOfOffice("a2", "away@members.example"));
        server.deliver(Mails.vouchedRequest("r1", "Marie <partir@members.example>", Mails.UNSUBSCRIBE,
                "=?UTF-8?Q?D=C3=A9sinscription?=", "Merci de me retirer."));
        server.deliver(Mails.vouchedRequest("r2", "leaving@members.example", Mails.UNSUBSCRIBE, "Re: Lettre 2026-11",
                "Unsubscribe please.\n\nOn Mon, Nov 30, 2026, Les Amis wrote:\n> Bonjour à tous."));
        server.deliver(Mails.request("o1", "talkative@members.example", Mails.MAILBOX, "Réunion de jeudi",
                "Bonjour, je viendrai jeudi ; il faudra que la pluie s'arrête, sinon stop, on reporte la sortie au vélo."));
        server.deliver(Mails.request("o2", "talkative@members.example", Mails.UNSUBSCRIBE, "Question",
                "Pourquoi faudrait-il stop la lettre d'information alors que tout le monde la lit avec plaisir chaque mois ?"));

        FeedbackReport report = feedback.read("imap", false);

        Map<String, SuppressionList.Entry> suppressed = suppressed();
        assertThat(suppressed.keySet()).contains("gone@members.example", "gmail.gone@members.example",
                "ms.gone@members.example", "exim.gone@members.example", "qmail.gone@members.example",
                "partir@members.example", "leaving@members.example")
                .doesNotContain("full@members.example", "talkative@members.example", "away@members.example",
                        "stranger@elsewhere.example");
        SuppressionList.Entry gone = suppressed.get("gone@members.example");
        assertThat(gone.reason()).isEqualTo(SuppressionList.Reason.BOUNCED);
        assertThat(gone.runId()).isEqualTo(run);
        assertThat(gone.source()).isEqualTo("mailbox 'imap'");
        assertThat(gone.note()).contains("5.1.1").contains("run " + run).contains("User unknown");
        assertThat(suppressed.get("ms.gone@members.example").note()).contains("5.1.10");
        assertThat(suppressed.get("partir@members.example").reason()).isEqualTo(SuppressionList.Reason.UNSUBSCRIBED);
        assertThat(stateOf("gone@members.example")).isEqualTo("BOUNCED");
        assertThat(stateOf("qmail.gone@members.example")).isEqualTo("BOUNCED");
        assertThat(stateOf("full@members.example")).as("a temporary failure is counted, not a bounce yet").isEqualTo("SENT");
        assertThat(report.suppressed()).isEqualTo(7);

        // Acted on: moved out of the inbox. Everything else: still there, unread.
        assertThat(server.folderMessages("Bulletin.Traités")).hasSize(processed + 8);
        assertThat(server.inbox()).hasSize(inbox + 5).noneMatch(MailboxServer::isRead);
        assertThat(report.leftAlone()).containsEntry("automatic reply", 2)
                .containsEntry("bounce for an address Bulletin never mailed", 1);
        assertThat(report.leftAlone().get("not for Bulletin")).as("o1, o2 and what other tests left").isGreaterThanOrEqualTo(2);

        // Read again: nothing is counted twice, nothing moves.
        FeedbackReport again = feedback.read("imap", false);
        assertThat(again.suppressed()).isZero();
        assertThat(again.lines()).isEmpty();
        assertThat(server.inbox()).hasSize(inbox + 5).noneMatch(MailboxServer::isRead);
    }

    /** One run of campaign {@code name} to this member alone, its List-Unsubscribe address the association's. */
    private void mailedWithUnsubscribeAddress(String name, String member) {
        home.writeRecipients("data/" + name + ".csv", List.of(member));
        launcher.send(home.writeJob(name, name, "data/" + name + ".csv", 50, "outbox", "unsubscribe: " + Mails.UNSUBSCRIBE),
                YearMonth.of(2026, 11));
    }

    /** The confirmations in the outbox that went to this address. */
    private List<MimeMessage> confirmationsTo(String address) throws Exception {
        Path folder = home.path("data/outbox/confirmations");
        if (!java.nio.file.Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(folder)) {
            List<MimeMessage> all = new java.util.ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                try (var in = java.nio.file.Files.newInputStream(file)) {
                    MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                    if (message.getHeader("To", ",").equals(address)) {
                        all.add(message);
                    }
                }
            }
            return all;
        }
    }

    /**
     * Anyone can write "unsubscribe" with a member's address in From. Without the mailbox server's
     * own word for that From, the request is confirmed by the member first: one confirmation a
     * day however many requests arrive, none to an address Bulletin does not mail, and the member
     * leaves only when their answer (the token in its subject) is read.
     */
    @Test
    void aRequestNobodyAuthenticatedIsConfirmedByTheMemberFirstAndForgedOnesRemoveNobody() throws Exception {
        String member = "asked@members.example";
        mailedWithUnsubscribeAddress("asked", member);
        for (int i = 0; i < 30; i++) {
            server.deliver(Mails.request("forged-" + i, member, Mails.UNSUBSCRIBE, "STOP", ""));
        }
        // Verdicts written by the sender under the server's id: the server's own header, on top, says otherwise.
        server.deliver("Authentication-Results: " + Mails.AUTHSERV_ID + "; dkim=none; dmarc=fail header.from=members.example\n"
                + Mails.vouchedRequest("forged-ar", member, Mails.UNSUBSCRIBE, "Désinscription", ""));
        server.deliver(Mails.request("stranger", "nobody@members.example", Mails.UNSUBSCRIBE, "STOP", ""));

        FeedbackReport report = feedback.read("imap", false);

        assertThat(suppressions.isSuppressed(member)).as("32 requests nobody vouched for").isFalse();
        assertThat(suppressions.isSuppressed("nobody@members.example")).isFalse();
        List<MimeMessage> sent = confirmationsTo(member);
        assertThat(sent).as("one confirmation a day, however many requests").hasSize(1);
        assertThat(sent.get(0).getHeader("From", ",")).isEqualTo(Mails.UNSUBSCRIBE);
        assertThat(sent.get(0).getHeader("Auto-Submitted", ",")).isEqualTo("auto-replied");
        assertThat(sent.get(0).getSubject()).containsPattern("^Confirmez votre désinscription .*\\[confirm-[a-z2-7]{26}]$");
        assertThat(confirmationsTo("nobody@members.example")).as("never to an address Bulletin does not mail").isEmpty();
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith(member + ": an unsubscribe request its"
                        + " server did not authenticate").contains("confirmation asked"))
                .anySatisfy(line -> assertThat(line).contains("not mailed again today"))
                .anySatisfy(line -> assertThat(line).startsWith("nobody@members.example: an unsubscribe request")
                        .contains("Bulletin does not mail"));

        // The member answers from their mailbox: the token in the subject is what only they could read.
        server.deliver(Mails.request("answer", member, Mails.UNSUBSCRIBE, "Re: " + sent.get(0).getSubject(),
                "Oui, c'est bien moi.\n\n> Quelqu'un a demandé que l'adresse..."));

        FeedbackReport answered = feedback.read("imap", false);

        assertThat(suppressions.isSuppressed(member)).isTrue();
        assertThat(suppressed().get(member).reason()).isEqualTo(SuppressionList.Reason.UNSUBSCRIBED);
        assertThat(suppressed().get(member).note()).contains("confirmed by answering the confirmation");
        assertThat(answered.suppressed()).isEqualTo(1);
    }

    /** An answer read more than a week after its confirmation was mailed honours nothing: the member is told to write again. */
    @Test
    void aConfirmationAnsweredTooLateRemovesNobody() throws Exception {
        String member = "late@members.example";
        mailedWithUnsubscribeAddress("late", member);
        server.deliver(Mails.request("late-request", member, Mails.UNSUBSCRIBE, "STOP", ""));
        feedback.read("imap", false);
        String subject = confirmationsTo(member).get(0).getSubject();
        jdbc.sql("UPDATE bulletin_unsubscribe_confirmation SET asked_at = ? WHERE address = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(8))), member).update();
        server.deliver(Mails.request("late-answer", member, Mails.UNSUBSCRIBE, "Re: " + subject, "Oui."));

        FeedbackReport report = feedback.read("imap", false);

        assertThat(suppressions.isSuppressed(member)).isFalse();
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith(member + ": answered the confirmation")
                .contains("after 7 days"));
    }

    @Test
    void scheduleReadsTheFeedbackOncePerInterval(@Autowired FeedbackLoop loop) {
        java.time.Instant start = java.time.Instant.parse("2026-12-01T08:00:00Z");
        server.deliver(Mails.vouchedRequest("l1", "loop1@members.example", Mails.UNSUBSCRIBE, "STOP", ""));
        assertThat(loop.readIfDue(start)).isTrue();
        assertThat(suppressions.isSuppressed("loop1@members.example")).isTrue();

        server.deliver(Mails.vouchedRequest("l2", "loop2@members.example", Mails.UNSUBSCRIBE, "STOP", ""));
        assertThat(loop.readIfDue(start.plusSeconds(60))).as("within bulletin.feedback.interval").isFalse();
        assertThat(suppressions.isSuppressed("loop2@members.example")).isFalse();
        assertThat(loop.readIfDue(start.plus(java.time.Duration.ofMinutes(15)))).isTrue();
        assertThat(suppressions.isSuppressed("loop2@members.example")).isTrue();
    }

    @Test
    void aMessageDeliveredTwiceCountsOnce() {
        String bounce = Mails.postfixBounce("twice", "twice@members.example", "4.2.2", "delayed", "452 4.2.2 Mailbox full",
                "<twice@amis.example>");
        home.writeRecipients("data/twice.csv", List.of("twice@members.example"));
        launcher.send(home.writeJob("twice", "twice", "data/twice.csv", 50, "outbox", null), YearMonth.of(2026, 11));
        server.deliver(bounce);
        server.deliver(bounce);

        FeedbackReport report = feedback.read("imap", false);

        assertThat(report.lines()).anySatisfy(line -> assertThat(line).contains("1 of 3 before suppression"))
                .anySatisfy(line -> assertThat(line).contains("a copy of a message read before: not counted again"))
                .noneSatisfy(line -> assertThat(line).contains("2 of 3"));
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndChangesNothing() {
        server.deliver(Mails.vouchedRequest("d1", "dry@members.example", Mails.UNSUBSCRIBE, "STOP", ""));
        int before = server.inbox().size();

        FeedbackReport report = feedback.read("imap", true);

        assertThat(report.lines()).anySatisfy(line -> assertThat(line).contains("unsubscribe request").contains("dry@"));
        assertThat(suppressions.isSuppressed("dry@members.example")).isFalse();
        assertThat(server.inbox()).hasSize(before).noneMatch(MailboxServer::isRead);
        feedback.read("imap", false); // leave the mailbox as the other tests expect it
    }

    /** A message whose structure cannot be parsed: named once with what finds it, left unread, and the read says so. */
    @Test
    void aMessageThatCannotBeReadIsNamedOnceAndLeftUnread() {
        server.deliver("From: Somebody <someone@elsewhere.example>\nSubject: Broken\nMessage-ID: <broken@elsewhere.example>\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; =broken\n\nnot readable\n");

        FeedbackReport first = feedback.read("imap", false);
        FeedbackReport second = feedback.read("imap", false);

        assertThat(first.allRead()).isFalse();
        java.io.StringWriter printed = new java.io.StringWriter();
        first.print(new java.io.PrintWriter(printed));
        assertThat(printed.toString()).contains("Could not be read, left in the inbox unread for people (named once): 1")
                .containsPattern("message imap:\\d+:\\d+.*from Somebody <someone@elsewhere\\.example>, \"Broken\"");
        assertThat(second.allRead()).as("named once").isTrue();
        assertThat(server.inbox()).anySatisfy(message -> assertThat(message.getMimeMessage().getSubject()).isEqualTo("Broken"))
                .noneMatch(MailboxServer::isRead);
    }

    /** A message nested far deeper than any mail program writes: the shape of a stack-overflow bomb. */
    private static String nested(String id, int depth) {
        StringBuilder text = new StringBuilder("From: Somebody <someone@elsewhere.example>\nSubject: Deep " + id
                + "\nMessage-ID: <" + id + "@elsewhere.example>\nMIME-Version: 1.0\n");
        for (int i = 0; i < depth; i++) {
            text.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append("\n");
        }
        return text.append("Content-Type: text/plain\n\nbottom\n").toString();
    }

    /**
     * No single message stops a read, over IMAP or POP3, nor the periodic read of schedule: one
     * nested thousands deep, one past the size limit, one whose structure breaks the parser are
     * each named, left unread in the inbox, and the genuine bounce behind them is still acted on.
     */
    @Test
    void poisonMessagesAreNamedLeftUnreadAndStopNothing(@Autowired FeedbackLoop loop) {
        for (String protocol : List.of("imap", "pop3")) {
            String member = "behind." + protocol + "@members.example";
            home.writeRecipients("data/" + protocol + ".csv", List.of(member));
            launcher.send(home.writeJob("poison-" + protocol, "poison-" + protocol, "data/" + protocol + ".csv", 50,
                    "outbox", null), YearMonth.of(2026, 11));
            server.deliver(nested("deep-" + protocol, 5000));
            server.deliver("From: Somebody <someone@elsewhere.example>\nSubject: Huge " + protocol + "\nMessage-ID: <huge-"
                    + protocol + "@elsewhere.example>\n\n" + ("x".repeat(999) + "\n").repeat(11 * 1024));
            server.deliver("From: Somebody <someone@elsewhere.example>\nSubject: Broken " + protocol + "\nMessage-ID: <broken-"
                    + protocol + "@elsewhere.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; boundary=\"\"\n\n--\n");
            server.deliver(Mails.postfixBounce("behind-" + protocol, member, "5.1.1", "failed", "550 5.1.1 User unknown",
                    LedgerParts.shownOf(ledger, member).get(0).messageId()));

            FeedbackReport report = feedback.read(protocol, false);

            assertThat(report.complete()).as(protocol).isTrue();
            assertThat(report.allRead()).as(protocol).isFalse();
            java.io.StringWriter printed = new java.io.StringWriter();
            report.print(new java.io.PrintWriter(printed));
            assertThat(printed.toString()).as(protocol).contains("more than " + bulletin.mailbox.MessageLimits.MAX_PARTS
                    + " nested or attached parts").contains("larger than 10 MB");
            assertThat(suppressions.isSuppressed(member)).as(protocol + ": the bounce behind the poison").isTrue();
            assertThat(server.inbox()).as(protocol).anySatisfy(message -> assertThat(message.getMimeMessage().getSubject())
                    .isEqualTo("Deep deep-" + protocol)).noneMatch(MailboxServer::isRead);
        }
        // And the periodic read of schedule goes through them again without a word of complaint.
        assertThat(loop.readIfDue(java.time.Instant.now().plus(java.time.Duration.ofDays(1)))).isTrue();
    }

    /** A report quoting a Message-ID whose run number fits no long: read as quoting none, and the read goes on. */
    @Test
    void aQuotedMessageIdWithAnEnormousRunNumberStopsNothing() {
        server.deliver(Mails.postfixBounce("big", "overflow@members.example", "5.1.1", "failed",
                "550 5.1.1 <overflow@members.example>: User unknown", "<99999999999999999999.000001.1.abcdef@amis.example>"));

        FeedbackReport report = feedback.read("imap", false);

        assertThat(report.complete()).isTrue();
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("overflow@members.example: a bounce")
                .contains("quotes none of the messages Bulletin sent").contains("1 of 3 before suppression"));
        assertThat(suppressions.isSuppressed("overflow@members.example")).isFalse();
    }

    /**
     * Anyone can write to the association's mailbox: a bounce counts only when it quotes the
     * Message-ID of the message Bulletin sent that address (the ledger keeps it; its random part
     * cannot be guessed). One that quotes none is only counted; one that quotes another message,
     * or an invented id of Bulletin's shape, is left for people with the member named.
     */
    @Test
    void aForgedBounceSuppressesNobodyAndAGenuineOneStillDoes() {
        home.writeRecipients("data/target.csv", List.of("target@members.example", "genuine@members.example"));
        RunResult targeted = launcher.send(home.writeJob("target", "target", "data/target.csv", 1, "outbox", null),
                YearMonth.of(2026, 11));
        home.writeRecipients("data/forger.csv", List.of("forger@members.example"));
        RunResult forgers = launcher.send(home.writeJob("forger", "forger", "data/forger.csv", 50, "outbox", null),
                YearMonth.of(2026, 11));
        java.util.function.Function<String, String> idOf = address -> LedgerParts.shownOf(ledger, address).stream()
                .reduce((first, second) -> second).orElseThrow().messageId();
        String forgersOwn = idOf.apply("forger@members.example");
        String invented = "<" + targeted.runId() + ".000001." + forgersOwn.split("\\.")[2] + "."
                + java.util.UUID.randomUUID() + "@amis.example>";
        String unknown = "550 5.1.1 <target@members.example>: Recipient address rejected: User unknown";
        server.deliver(Mails.postfixBounce("f1", "target@members.example", "5.1.1", "failed", unknown, "<x@elsewhere.example>"));
        server.deliver(Mails.postfixBounce("f2", "target@members.example", "5.1.1", "failed", unknown, forgersOwn));
        server.deliver(Mails.postfixBounce("f3", "target@members.example", "5.1.1", "failed", unknown, invented));
        server.deliver(Mails.gmailBounce("g1", "genuine@members.example", idOf.apply("genuine@members.example")));
        int inbox = server.inbox().size();

        FeedbackReport report = feedback.read("imap", false);

        assertThat(forgers.runId()).isNotEqualTo(targeted.runId());
        assertThat(suppressions.isSuppressed("target@members.example")).as("three forged bounces").isFalse();
        assertThat(suppressions.isSuppressed("genuine@members.example")).isTrue();
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("target@members.example: a bounce")
                        .contains("could be forged").contains("1 of 3 before suppression"))
                .filteredOn(line -> line.startsWith("target@members.example: a bounce that quotes a message Bulletin did not"
                        + " send them")).hasSize(2);
        assertThat(report.leftAlone()).containsEntry("bounce that quotes a message Bulletin did not send to that address", 2);
        assertThat(server.inbox()).as("the two that quote another message stay for people").hasSize(inbox - 2);
    }

    @Test
    void aSpamComplaintSuppressesTheMemberItNamesAndOneThatNamesNobodyIsLeftForPeople() {
        server.deliver(Mails.complaint("c1", "complains@members.example", messageIdOf("complains@members.example")));
        server.deliver(Mails.complaint("c2", null, messageIdOf("quiet@members.example")));

        FeedbackReport report = feedback.read("imap", false);

        SuppressionList.Entry entry = suppressed().get("complains@members.example");
        assertThat(entry).isNotNull();
        assertThat(entry.reason()).isEqualTo(SuppressionList.Reason.COMPLAINED);
        assertThat(entry.runId()).isEqualTo(run);
        assertThat(suppressions.isSuppressed("quiet@members.example")).isFalse();
        // The line names the message it came from: its number in the mailbox, its date and its Message-ID.
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("complains@members.example: spam complaint")
                .containsPattern("\\[message imap:\\d+:\\d+, \\d{4}-\\d{2}-\\d{2} <c1@provider\\.example>]$"));
        assertThat(report.leftAlone()).containsEntry("spam complaint that names no member", 1);
    }

    @Test
    void softBouncesSuppressOnlyOnceTheyComeFromEnoughRuns() {
        String address = "soft@members.example";
        home.writeRecipients("data/soft.csv", List.of(address));
        Path job = home.writeJob("soft", "soft", "data/soft.csv", 50, "outbox", null);
        for (YearMonth period : List.of(YearMonth.of(2026, 11), YearMonth.of(2026, 12), YearMonth.of(2027, 1))) {
            RunResult next = launcher.send(job, period);
            String id = LedgerParts.shownRow(ledger, next.runId(), address).messageId();
            server.deliver(Mails.postfixBounce("s1-" + period, address, "4.2.2", "delayed", "452 4.2.2 Mailbox full", id));
            server.deliver(Mails.postfixBounce("s2-" + period, address, "4.2.2", "delayed", "452 4.2.2 Mailbox full", id));
            feedback.read("imap", false);
            assertThat(suppressions.isSuppressed(address)).as("after the run of " + period
                    + ": two reports from one run count as one").isEqualTo(period.equals(YearMonth.of(2027, 1)));
        }
        assertThat(suppressions.isSuppressed(address)).isTrue();
        assertThat(suppressed().get(address).note()).contains("3 temporary failures across runs");
    }

    @Test
    void aReadThatStopsAfterCommittingIsFinishedByTheNextWithoutCountingTwice() {
        String address = "crash@members.example";
        home.writeRecipients("data/crash.csv", List.of(address));
        RunResult sent = launcher.send(home.writeJob("crash", "crash", "data/crash.csv", 50, "outbox", null),
                YearMonth.of(2026, 11));
        String id = LedgerParts.shownRow(ledger, sent.runId(), address).messageId();
        server.deliver(Mails.postfixBounce("c1", address, "4.4.7", "delayed", "451 4.4.7 try later", id));
        int processed = server.folderMessages("Bulletin.Traités").size();

        try (MailboxSession session = mailboxes.open("imap")) {
            MailboxSession crashing = new CrashingAtSetAside(session);
            assertThatThrownBy(() -> feedback.read("imap", crashing, false)).hasMessageContaining("killed");
        }
        assertThat(server.folderMessages("Bulletin.Traités")).hasSize(processed);
        feedback.read("imap", false);

        assertThat(server.folderMessages("Bulletin.Traités")).hasSize(processed + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE address_key = ?").param(address)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void overPop3TheMessagesActedOnAreDeletedWhenConfiguredAndTheOthersKept() {
        // Raw UTF-8 in the subject (RFC 6532), as some mail programs send it.
        server.deliver(Mails.vouchedRequest("p1", "pop@members.example", Mails.UNSUBSCRIBE, "Désabonnement", ""));
        server.deliver(Mails.request("p2", "pop@members.example", Mails.MAILBOX, "Bonjour", "Une question sur la sortie."));
        int before = server.inbox().size();

        FeedbackReport report = feedback.read("pop3", false);

        assertThat(suppressions.isSuppressed("pop@members.example")).isTrue();
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("pop@members.example"));
        assertThat(server.inbox()).hasSize(before - 1);
        assertThat(feedback.read("pop3", false).suppressed()).isZero();
    }

    @Test
    void aMailboxIsCheckedAsStrictlyAsARelay() {
        assertThatThrownBy(() -> feedback.read("untrusted", false)).isInstanceOf(MailboxException.class)
                .hasMessageContaining("mailbox 'untrusted'").hasMessageContaining("not signed by an authority");
        assertThatThrownBy(() -> feedback.read("clear", false)).isInstanceOf(MailboxConfigurationException.class)
                .hasMessageContaining("security 'none'").satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(MailboxServer.PASSWORD));
        assertThatThrownBy(() -> feedback.read("nowhere", false)).isInstanceOf(MailboxConfigurationException.class)
                .hasMessageContaining("mailbox 'nowhere' is not defined").hasMessageContaining("BULLETIN_MAILBOXES_NOWHERE_HOST");
    }

    @Test
    void aJobWithSentCopyKeepsOneReadCopyInTheSentFolderAndACopyThatCannotBeKeptFailsNothing() throws Exception {
        server.createFolder("Sent");
        List<String> members = List.of("copy1@members.example", "copy2@members.example", "copy3@members.example");
        home.writeRecipients("data/copy.csv", members);
        Path job = home.writeJob("copy", "copy", "data/copy.csv", 2, "outbox", "sent-copy: imap");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.sentCopy()).startsWith("kept in the Sent folder of mailbox 'imap'");
        List<com.icegreen.greenmail.store.StoredMessage> sent = server.folderMessages("Sent");
        assertThat(sent).hasSize(1).allMatch(MailboxServer::isRead);
        MimeMessage copy = sent.get(0).getMimeMessage();
        assertThat(copy.getSubject()).isEqualTo("Lettre 2026-11");
        String headers = String.join("\n", java.util.Collections.list(copy.getAllHeaderLines()));
        // No Bcc header (a header name at a line's start: a random Message-ID or boundary may hold the letters "bcc").
        assertThat(headers).contains("To: undisclosed-recipients:;").doesNotContainPattern("(?im)^bcc:");
        members.forEach(member -> assertThat(headers).doesNotContain(member));

        assertThat(launcher.send(job, YearMonth.of(2026, 11)).outcome()).isEqualTo(RunResult.Outcome.ALREADY_COMPLETED);
        assertThat(server.folderMessages("Sent")).as("one copy per run").hasSize(1);

        // validate names a sent-copy mailbox that cannot be used before anything is sent
        Path nowhere = home.writeJob("copy-nowhere", "copy-nowhere", "data/copy.csv", 2, "outbox", "sent-copy: archives");
        assertThat(validator.validate(nowhere, YearMonth.of(2026, 11)).problemsInEnglish())
                .anySatisfy(problem -> assertThat(problem).contains("copy-nowhere.yml: sent-copy: mailbox 'archives' is not defined"));

        Path pop = home.writeJob("copy-pop", "copy-pop", "data/copy.csv", 2, "outbox", "sent-copy: pop3");
        RunResult popResult = launcher.send(pop, YearMonth.of(2026, 11));
        assertThat(popResult.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(popResult.sentCopy()).startsWith("no copy in the Sent folder of mailbox 'pop3'").contains("needs IMAP");
    }

    /** A session whose first move fails as a killed process would: after the commit, before the move. */
    private record CrashingAtSetAside(MailboxSession session) implements MailboxSession {
        @Override
        public List<Incoming> messages() {
            return session.messages();
        }

        @Override
        public String setAside(Incoming message) {
            throw new IllegalStateException("killed before the message was moved");
        }

        @Override
        public String appendToSent(MimeMessage message) {
            return session.appendToSent(message);
        }

        @Override
        public List<Stored> folder(String folder) {
            return session.folder(folder);
        }

        @Override
        public boolean move(String from, String messageId, String to) {
            return session.move(from, messageId, to);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
