package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audience.SuppressionList;
import bulletin.batch.NewsletterLauncher;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.run.RunResult;
import bulletin.support.MailboxServer;
import bulletin.support.TestHome;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The project's corpus ({@code src/test/resources/feedback/corpus}) through the whole loop, as the
 * association's mailbox would get it: one run mails every address the corpus names (one message
 * each, so each has its own Message-ID), each message is delivered into a real IMAP server quoting
 * the Message-ID sent to the address it names ({@code @@MESSAGE-ID@@} in the files), and
 * {@code feedback} reads them. Counted per class: every dead address suppressed, nobody else, no
 * automatic reply acted on, every message read, and a second read changes nothing.
 */
@SpringBootTest
class BounceCorpusLoopTest {

    private static final Path CORPUS = Path.of("src/test/resources/feedback/corpus");
    private static final String PLACEHOLDER = "@@MESSAGE-ID@@";
    /** The member an automatic reply or other mail is taken to answer. */
    private static final String QUIET = "quiet.corpus@members.example";

    static final TestHome home = TestHome.create("corpus");
    static MailboxServer server;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        server = new MailboxServer();
        server.registerImaps(registry, "mailbox");
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
    SuppressionList suppressions;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    /** One corpus message: its class (its folder), its text, and the member it names. */
    private record Item(String kind, Path file, String raw, String member) {
    }

    private static List<Item> corpus() throws Exception {
        List<Item> items = new ArrayList<>();
        for (String kind : List.of("dead", "member", "sender", "auto", "other")) {
            try (Stream<Path> files = Files.list(CORPUS.resolve(kind))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".mail")).sorted().toList()) {
                    String raw = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
                    items.add(new Item(kind, file, raw, named(raw).orElse(QUIET)));
                }
            }
        }
        return items;
    }

    /** The member a bounce names: see {@link BounceCorpusTest#member}. */
    private static Optional<String> named(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return BounceReader.read(message).stream().flatMap(report -> report.failures().stream())
                .flatMap(bounce -> bounce.names().stream())
                .filter(BounceCorpusTest::member)
                .findFirst();
    }

    @Test
    void eachClassIsActedOnAsItShouldThroughTheWholeLoop() throws Exception {
        List<Item> items = corpus();
        List<String> members = items.stream().map(Item::member).distinct().toList();
        home.writeTemplate("letter");
        home.writeRecipients("data/corpus.csv", members);
        RunResult sent = launcher.send(home.writeJob("corpus", "corpus", "data/corpus.csv", 1, "outbox", null),
                YearMonth.of(2026, 11));
        assertThat(sent.outcome()).as(sent.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        for (Item item : items) {
            String id = LedgerParts.shownRow(ledger, sent.runId(), item.member()).messageId();
            server.deliver(item.raw().replace(PLACEHOLDER, id).replace("\r\n", "\n")); // deliver() writes CRLF itself
        }

        FeedbackReport report = feedback.read("mailbox", false);
        java.io.StringWriter printed = new java.io.StringWriter();
        report.print(new java.io.PrintWriter(printed));
        System.out.println(printed); // what the operator reads, in the test's output

        Map<String, List<String>> suppressedByKind = new LinkedHashMap<>();
        for (Item item : items) {
            if (suppressions.isSuppressed(item.member())) {
                suppressedByKind.computeIfAbsent(item.kind(), k -> new ArrayList<>()).add(item.file().getFileName().toString());
            }
        }
        long dead = items.stream().filter(item -> item.kind().equals("dead")).count();
        assertThat(report.allRead()).isTrue();
        assertThat(suppressedByKind.getOrDefault("dead", List.of())).as("dead addresses suppressed").hasSize((int) dead);
        assertThat(suppressedByKind).as("only dead addresses are suppressed").containsOnlyKeys("dead");
        for (Item item : items.stream().filter(item -> item.kind().equals("member")).toList()) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE address_key = ?").param(item.member())
                    .query(Long.class).single()).as(item.file() + ": counted").isEqualTo(1);
        }
        long senderSide = items.stream().filter(item -> item.kind().equals("sender")).count();
        assertThat(jdbc.sql("SELECT SUM(refusals) FROM bulletin_campaign_problem WHERE run_id = ?").param(sent.runId())
                .query(Long.class).single()).as("the sender's problems, told as the campaign's").isEqualTo(senderSide);
        assertThat(report.campaignProblems()).isTrue();

        // A second read changes nothing.
        FeedbackReport again = feedback.read("mailbox", false);
        assertThat(again.lines()).isEmpty();
        assertThat(again.suppressed()).isZero();
    }
}
