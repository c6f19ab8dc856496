package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.run.RunResult;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestCertificate;
import bulletin.support.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery through the whole job against servers that refuse, defer and limit: every recipient
 * ends in exactly one final state and nobody is sent twice.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class DeliveryJobTest {

    static final String PASSWORD = "Wr0ng-Secret-Never-Logged-0123456789";
    static final TestHome home = TestHome.create("delivery");
    static final ScriptedSmtpServer small = new ScriptedSmtpServer();
    static final ScriptedSmtpServer bulk = new ScriptedSmtpServer();
    static final ScriptedSmtpServer faulty = new ScriptedSmtpServer();
    static final ScriptedSmtpServer limited = new ScriptedSmtpServer();
    static final ScriptedSmtpServer locked = new ScriptedSmtpServer();
    static final ScriptedSmtpServer expiredKey = new ScriptedSmtpServer();
    static final ScriptedSmtpServer parallel = new ScriptedSmtpServer();
    static final ScriptedSmtpServer partway = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        home.register(registry);
        for (var relay : Map.of("small", small, "bulk", bulk, "faulty", faulty, "limited", limited, "parallel", parallel,
                "partway", partway).entrySet()) {
            registry.add("bulletin.relays." + relay.getKey() + ".host", () -> "127.0.0.1");
            registry.add("bulletin.relays." + relay.getKey() + ".port", relay.getValue()::port);
            registry.add("bulletin.relays." + relay.getKey() + ".security", () -> "none");
            registry.add("bulletin.relays." + relay.getKey() + ".retry.initial-backoff", () -> "2ms");
        }
        registry.add("bulletin.relays.parallel.connections", () -> "3");
        registry.add("bulletin.routing.small-relay", () -> "small");
        registry.add("bulletin.routing.bulk-relay", () -> "bulk");
        registry.add("bulletin.relays.limited.budget.recipients-per-hour", () -> "5");
        registry.add("bulletin.relays.limited.budget.max-wait", () -> "1s");
        TestCertificate certificate = TestCertificate.create(home.path("certs"), "localhost");
        locked.withTls(certificate.serverContext()).withCredentials("apikey", "the-real-one");
        registry.add("bulletin.relays.locked.host", () -> "127.0.0.1");
        registry.add("bulletin.relays.locked.port", locked::port);
        registry.add("bulletin.relays.locked.security", () -> "starttls");
        registry.add("bulletin.relays.locked.username", () -> "apikey");
        registry.add("bulletin.relays.locked.password", () -> PASSWORD);
        registry.add("bulletin.relays.locked.trust-certificate", () -> certificate.pem().toString());
        // A Mailjet relay of four connections whose key was regenerated at Mailjet.
        expiredKey.withTls(certificate.serverContext()).withCredentials("apikey", "the-new-secret");
        registry.add("bulletin.relays.mailjet.host", () -> "127.0.0.1");
        registry.add("bulletin.relays.mailjet.port", expiredKey::port);
        registry.add("bulletin.relays.mailjet.provider", () -> "mailjet");
        registry.add("bulletin.relays.mailjet.username", () -> "apikey");
        registry.add("bulletin.relays.mailjet.password", () -> PASSWORD);
        registry.add("bulletin.relays.mailjet.connections", () -> "4");
        registry.add("bulletin.relays.mailjet.trust-certificate", () -> certificate.pem().toString());
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    bulletin.campaign.CampaignPreview preview;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @AfterAll
    static void stop() {
        List.of(small, bulk, faulty, limited, locked, parallel, expiredKey, partway).forEach(ScriptedSmtpServer::close);
    }

    private Path job(String name, int members, int envelopeSize, String relay) {
        home.writeTemplate("letter");
        home.writeRecipients("data/" + name + ".csv", TestHome.members(name, members));
        return home.writeJob(name, name, "data/" + name + ".csv", envelopeSize, relay, null);
    }

    private Map<String, String> finalStates(long runId) {
        return LedgerParts.shown(ledger, runId).stream().collect(Collectors.toMap(AuditRow::address, row -> row.status().name()));
    }

    /** A test copy is a campaign of one recipient: relay: auto sends it through the mailbox, whatever the audience. */
    @Test
    void aTestCopyOfALargeAudiencesCampaignGoesThroughTheMailboxRelayAsOneRecipientWould() {
        int before = small.accepted().size();
        int bulkBefore = bulk.accepted().size();

        String reply = preview.sendTest(job("tested", 30, 5, "auto"), YearMonth.of(2026, 11), "relecture@amis.example");

        assertThat(reply).startsWith("small: ");
        assertThat(small.accepted().subList(before, small.accepted().size())).singleElement()
                .satisfies(copy -> assertThat(copy.recipients()).containsExactly("relecture@amis.example"));
        assertThat(bulk.accepted()).hasSize(bulkBefore);
    }

    @Test
    void autoRoutesASmallAudienceThroughTheMailboxAndALargeOneThroughTheBulkRelay() {
        RunResult few = launcher.send(job("few", 10, 5, "auto"), YearMonth.of(2026, 11));
        RunResult many = launcher.send(job("many", 11, 5, "auto"), YearMonth.of(2026, 11));

        assertThat(few.outcome()).as(few.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(few.relay().english()).startsWith("small (10 recipients, at most 10");
        assertThat(small.distinctRecipients()).containsExactlyInAnyOrderElementsOf(TestHome.members("few", 10));
        assertThat(many.relay().english()).startsWith("bulk (11 recipients, more than 10");
        assertThat(bulk.distinctRecipients()).containsExactlyInAnyOrderElementsOf(TestHome.members("many", 11));
        assertThat(jdbc.sql("SELECT relay_reason FROM bulletin_run WHERE run_id = ?").param(many.runId())
                .query(String.class).single()).contains("bulk relay 'bulk'");
    }

    @Test
    void parallelConnectionsAreEachReusedAndAMessageLostOnOneIsInDoubtWhileTheOthersAreRecorded() {
        parallel.droppingBeforeAnsweringDataOfMessage(5);
        List<String> members = TestHome.members("wide", 20);

        RunResult result = launcher.send(job("wide", 20, 2, "parallel"), YearMonth.of(2026, 11));

        // The lost message's two recipients are in doubt at once; the run goes on, a new connection
        // replacing the broken one, and completes.
        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(18);
        assertThat(result.counts().get(DeliveryStatus.IN_DOUBT)).isEqualTo(2);
        assertThat(result.counts().get(DeliveryStatus.SENDING)).isZero();
        assertThat(LedgerParts.shown(ledger, result.runId()).stream().filter(row -> row.status() == DeliveryStatus.IN_DOUBT)
                .map(AuditRow::relayReply).toList()).allSatisfy(reply -> assertThat(reply).contains("may have been accepted"));
        assertThat(parallel.acceptedRecipients()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(parallel.connections()).isEqualTo(3 + 1);
    }

    @Test
    void refusedAndGreylistedAddressesEachEndInOneFinalStateAndTheRunCompletesWithThemCounted() {
        java.util.Set<String> greylisted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        faulty.answeringRcpt(address -> {
            if (address.startsWith("mixed003") || address.startsWith("mixed007")) {
                return "550 5.1.1 no such user";
            }
            if (address.startsWith("mixed005") && greylisted.add(address)) {
                return "451 4.7.1 greylisted";
            }
            return null;
        });
        List<String> members = TestHome.members("mixed", 9);

        RunResult result = launcher.send(job("mixed", 9, 4, "faulty"), YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        Map<String, String> states = finalStates(result.runId());
        assertThat(states).hasSize(9);
        assertThat(states).containsEntry(members.get(2), "REFUSED").containsEntry(members.get(6), "REFUSED")
                .containsEntry(members.get(4), "SENT");
        assertThat(states.values().stream().filter("SENT"::equals)).hasSize(7);
        assertThat(faulty.acceptedRecipients()).doesNotHaveDuplicates().hasSize(7);
        assertThat(result.counts().allSent()).isFalse();
        String reply = LedgerParts.shownRow(ledger, result.runId(), members.get(2)).relayReply();
        assertThat(reply).contains("550 5.1.1 no such user");
    }

    @Test
    void aRelayRefusingMostRecipientsStopsTheRunFailedAndRestartable() {
        ScriptedSmtpServer server = faulty;
        server.answeringRcpt(address -> address.startsWith("mostly") ? "550 5.7.1 rejected" : null);

        RunResult result = launcher.send(job("mostly", 30, 5, "faulty"), YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.problem()).contains("bulletin.send.max-failure-rate");
        assertThat(result.counts().get(DeliveryStatus.REFUSED)).isBetween(20L, 25L);
        assertThat(result.counts().get(DeliveryStatus.PENDING)).isEqualTo(30 - result.counts().get(DeliveryStatus.REFUSED));
        server.answeringRcpt(address -> null);
    }

    @Test
    void aSpentBudgetStopsTheRunAndARestartCountsWhatWasAlreadySent() {
        RunResult first = launcher.send(job("budget", 9, 2, "limited"), YearMonth.of(2026, 11));

        assertThat(first.outcome()).isEqualTo(RunResult.Outcome.STOPPED);
        assertThat(first.problem()).contains("budget of relay 'limited' (5 recipients per hour) is spent until")
                .containsPattern("until 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d Pacific/Noumea;");
        assertThat(first.resumeAt()).isAfter(java.time.Instant.now());
        assertThat(first.counts().get(DeliveryStatus.SENT)).isEqualTo(4);
        assertThat(first.counts().get(DeliveryStatus.PENDING)).isEqualTo(5);

        RunResult again = launcher.send(job("budget", 9, 2, "limited"), YearMonth.of(2026, 11));

        assertThat(again.outcome()).isEqualTo(RunResult.Outcome.STOPPED);
        assertThat(again.runId()).isEqualTo(first.runId());
        assertThat(again.counts().get(DeliveryStatus.SENT)).isEqualTo(4);
        assertThat(limited.acceptedRecipients()).hasSize(4).doesNotHaveDuplicates();
    }

    /**
     * A restart reads the run above the messages its first attempt sent: its audit lists the rows
     * from there, while its counts and its report are the whole run's.
     */
    @Test
    void aRestartsAuditListsTheRowsItReadAndItsCountsAndReportTheWholeRun() throws Exception {
        ScriptedSmtpServer server = partway;
        List<String> members = TestHome.members("partway", 40);
        // Members 11 to 20 refused: past 25 % of 20 tried, the first attempt stops, FAILED.
        server.answeringRcpt(address -> members.indexOf(address) >= 10 && members.indexOf(address) < 20 ? "550 5.7.1 rejected"
                : null);
        RunResult first = launcher.send(job("partway", 40, 5, "partway"), YearMonth.of(2026, 11));
        server.answeringRcpt(address -> null);

        assertThat(first.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(first.counts().get(DeliveryStatus.SENT)).isEqualTo(10);
        assertThat(first.counts().get(DeliveryStatus.REFUSED)).isEqualTo(10);

        RunResult restart = launcher.send(job("partway", 40, 5, "partway"), YearMonth.of(2026, 11));

        assertThat(restart.outcome()).as(restart.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(restart.counts().get(DeliveryStatus.SENT)).isEqualTo(30);
        assertThat(restart.counts().get(DeliveryStatus.REFUSED)).isEqualTo(10);
        assertThat(restart.counts().total()).isEqualTo(40);
        assertThat(restart.auditAbove()).isEqualTo(10);
        assertThat(auditSeqs(restart)).containsExactlyElementsOf(IntStream.rangeClosed(11, 40).boxed().toList());
        String page = Files.readString(restart.reportPage());
        assertThat(page).containsPattern("(number|n°) 11\\b").contains("bulletin audit " + restart.runId() + " --csv");
        assertThat(page).as("the refused ones listed by name, from the whole run").contains(members.get(10)).contains(members.get(19));
        assertThat(server.distinctRecipients()).containsAll(members.subList(20, 40));
    }

    /** The seqs an attempt's audit CSV lists, in its order. */
    private List<Integer> auditSeqs(RunResult attempt) throws IOException {
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(home.root().resolve(attempt.audit())))) {
            return parser.stream().map(record -> Integer.parseInt(record.get("seq"))).toList();
        }
    }

    /** Four connections, one refused key: one login attempt in all, and the words name the setup card's variables. */
    @Test
    void aRefusedMailjetKeyIsTriedOnceForAllConnectionsAndNamesWhatToCheck() {
        RunResult result = launcher.send(job("regenerated", 40, 5, "mailjet"), YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(expiredKey.authAttempts()).as("one login in all, not one per connection").isEqualTo(1);
        assertThat(result.problem()).contains("refused the credentials")
                .contains("relay 'mailjet' logs in with MAILJET_API_KEY and MAILJET_SECRET_KEY (the home's config/relays.env)")
                .contains("the account's API key and secret key").contains("Tried once").doesNotContain(PASSWORD);
        assertThat(result.counts().get(DeliveryStatus.PENDING)).isEqualTo(40);
        assertThat(expiredKey.mailCommands()).isZero();
    }

    @Test
    void aRefusedPasswordStopsAtOnceAfterOneLoginAndIsNowhereToBeFound(CapturedOutput output) throws Exception {
        RunResult result = launcher.send(job("locked", 6, 3, "locked"), YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.problem()).contains("refused the credentials").doesNotContain(PASSWORD);
        assertThat(locked.authAttempts()).isEqualTo(1);
        assertThat(result.counts().get(DeliveryStatus.PENDING)).isEqualTo(6);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
        for (String table : List.of("BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION", "BATCH_STEP_EXECUTION",
                "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION_CONTEXT", "BULLETIN_RUN", "BULLETIN_RECIPIENT")) {
            String dump = jdbc.sql("SELECT * FROM " + table).query().listOfRows().toString();
            assertThat(dump).as(table).doesNotContain(PASSWORD);
        }
        try (var files = Files.walk(home.root().resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/db/")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(PASSWORD);
            }
        }
    }
}
