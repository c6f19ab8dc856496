package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.ledger.AuditRow;
import bulletin.ledger.LedgerParts;
import bulletin.support.BulletinProcess;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a real child JVM, sending a few thousand recipients to a recording SMTP
 * server and killed with SIGKILL at several points, then run again: in the end every recipient
 * was received exactly once, except those the ledger marks IN_DOUBT, who were received at most
 * once — and at most twice only once the operator asked to re-send them.
 */
class CrashRestartIT {

    private static final int MEMBERS = 3000;
    private static final int CHUNK = 10;

    private final TestHome home = TestHome.create("crash");
    private final ScriptedSmtpServer recorder = new ScriptedSmtpServer();
    private final AtomicReference<Process> child = new AtomicReference<>();

    @AfterEach
    void stop() {
        recorder.close();
        Process process = child.get();
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--bulletin.relays.rec.host=127.0.0.1", "--bulletin.relays.rec.port=" + recorder.port(),
                "--bulletin.relays.rec.security=none"));
        command.addAll(databaseArguments());
        Process process = BulletinProcess.start(home, home.path("child.log"), command);
        child.set(process);
        return process;
    }

    private int finish(Process process) throws Exception {
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(log()).isTrue();
        return process.exitValue();
    }

    private String log() throws Exception {
        return Files.exists(home.path("child.log")) ? Files.readString(home.path("child.log"), StandardCharsets.UTF_8) : "";
    }

    /** Kills the running child the way a power cut or an OOM killer would: SIGKILL, no shutdown hooks. */
    private void kill() {
        Process process = child.get();
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void killedAtSeveralPointsAndRestartedEveryoneArrivesOnceExceptTheInDoubtWhoArriveAtMostOnce() throws Exception {
        home.writeTemplate("letter");
        List<String> members = TestHome.members("crash", MEMBERS);
        home.writeRecipients("data/crash.csv", members);
        home.writeJob("crash", "crash", "data/crash.csv", CHUNK, "rec", null);

        // 1. During staging, before the first chunk.
        Process first = start("send", "jobs/crash.yml", "--period", "2026-11");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
                .until(() -> log().contains("Staging run") || !first.isAlive());
        assertThat(first.isAlive()).as(log()).isTrue();
        kill();

        // 2. Mid-run: message 100 received in full, the child killed before it hears the answer.
        recorder.beforeAnsweringData(n -> {
            if (n == 100) {
                kill();
            }
        });
        finish(start("send", "jobs/crash.yml", "--period", "2026-11"));

        // 3. Between the relay's acceptance and the commit: message 200 answered 250, then the kill.
        recorder.beforeAnsweringData(n -> { });
        recorder.afterAnsweringData(n -> {
            if (n == 200) {
                kill();
            }
        });
        finish(start("send", "jobs/crash.yml", "--period", "2026-11"));
        recorder.afterAnsweringData(n -> { });

        // 4. Run to the end.
        int exit = finish(start("send", "jobs/crash.yml", "--period", "2026-11"));
        assertThat(exit).as(log()).isIn(0, 3);

        Map<String, String> ledger = ledger();
        assertThat(ledger).hasSize(MEMBERS);
        assertThat(ledger.values()).allMatch(state -> state.equals("SENT") || state.equals("IN_DOUBT"));
        List<String> inDoubt = ledger.entrySet().stream().filter(e -> e.getValue().equals("IN_DOUBT")).map(Map.Entry::getKey).toList();
        // At most one message per connection per crash is in doubt (the staging crash leaves none).
        assertThat(inDoubt).hasSizeLessThanOrEqualTo(2 * CHUNK);
        Map<String, Long> received = recorder.acceptedRecipients().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (String member : members) {
            long times = received.getOrDefault(member, 0L);
            if (inDoubt.contains(member)) {
                assertThat(times).as(member + " (in doubt)").isLessThanOrEqualTo(1);
            } else {
                assertThat(times).as(member).isEqualTo(1);
            }
        }

        // 5. The operator asks for the in-doubt ones: they arrive, at most twice in all.
        long runId = runId();
        int resend = finish(start("restart", String.valueOf(runId), "--resend-in-doubt"));
        assertThat(resend).as(log()).isEqualTo(0);
        Map<String, Long> after = recorder.acceptedRecipients().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (String member : members) {
            assertThat(after.getOrDefault(member, 0L)).as(member).isBetween(1L, inDoubt.contains(member) ? 2L : 1L);
        }
        assertThat(ledger().values()).containsOnly("SENT");
    }

    /**
     * Four connections whose answers commit together, round by round, over a relay that pipelines:
     * killed while messages of several connections are in flight, and right after a relay's
     * acceptance. Each kill leaves at most one message per connection in doubt.
     */
    @Test
    void killedWhileSeveralConnectionsCommitTogetherEveryoneArrivesOnceExceptAtMostOneMessagePerConnection() throws Exception {
        int connections = 4;
        recorder.advertisingPipelining();
        home.writeTemplate("letter");
        List<String> members = TestHome.members("multi", MEMBERS);
        home.writeRecipients("data/multi.csv", members);
        home.writeJob("multi", "multi", "data/multi.csv", CHUNK, "rec", null);
        String[] send = {"send", "jobs/multi.yml", "--period", "2026-11", "--bulletin.relays.rec.connections=" + connections};

        // 1. Message 60 (of any connection) received in full, the child killed before it hears the answer.
        recorder.beforeAnsweringData(n -> {
            if (n == 60) {
                kill();
            }
        });
        finish(start(send));
        // 2. Message 150 answered 250, then the kill: other connections' answers may be on their way in.
        recorder.beforeAnsweringData(n -> { });
        recorder.afterAnsweringData(n -> {
            if (n == 150) {
                kill();
            }
        });
        finish(start(send));
        recorder.afterAnsweringData(n -> { });
        int exit = finish(start(send));
        assertThat(exit).as(log()).isIn(0, 3);

        Map<String, String> ledger = ledger("multi");
        assertThat(ledger).hasSize(MEMBERS);
        assertThat(ledger.values()).allMatch(state -> state.equals("SENT") || state.equals("IN_DOUBT"));
        List<String> inDoubt = ledger.entrySet().stream().filter(e -> e.getValue().equals("IN_DOUBT")).map(Map.Entry::getKey).toList();
        assertThat(inDoubt).as("two kills, at most one message of %d per connection in doubt each", CHUNK)
                .hasSizeLessThanOrEqualTo(2 * connections * CHUNK).isNotEmpty();
        Map<String, Long> received = recorder.acceptedRecipients().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (String member : members) {
            assertThat(received.getOrDefault(member, 0L)).as(member)
                    .isBetween(inDoubt.contains(member) ? 0L : 1L, 1L);
        }
    }

    /**
     * A relay taking 20 recipients a message splits each envelope of 50 in parts; the child is
     * killed at each point of a split message — before the first part's body, before the answer
     * to a first, a middle and a last part — and run again each time. Each kill puts in doubt
     * exactly the recipients of the part under way: the parts answered before it are SENT, the
     * recipients never handed over go back to PENDING and leave with the next run.
     */
    @Test
    void killedAtEachPointOfASplitMessageExactlyThePartUnderWayIsInDoubt() throws Exception {
        recorder.limitingRecipientsPerTransaction(20);
        home.writeTemplate("letter");
        List<String> members = TestHome.members("split", 120);
        home.writeRecipients("data/split.csv", members);
        home.writeJob("split", "split", "data/split.csv", 50, "rec", null);
        String[] send = {"send", "jobs/split.yml", "--period", "2026-11"};

        // 1. The first part's RCPTs answered (20 taken, 30 told 452), killed before its DATA is.
        recorder.beforeAnsweringDataCommand(n -> kill());
        finish(start(send));
        recorder.beforeAnsweringDataCommand(n -> { });
        assertThat(onTheWire("split")).as("the relay took 20: only they may be in doubt").isEqualTo(members.subList(0, 20));
        assertThat(heldBack("split")).isEqualTo(members.subList(20, 50));
        assertThat(recorder.accepted()).isEmpty();

        // 2. The next run's first part written in full (21–40), killed before its answer.
        recorder.beforeAnsweringData(n -> kill());
        finish(start(send));
        assertThat(onTheWire("split")).isEqualTo(members.subList(20, 40));
        assertThat(heldBack("split")).isEqualTo(members.subList(40, 70));

        // 3. A middle part: 41–60 answered, 61–80 written, killed before its answer.
        recorder.beforeAnsweringData(n -> {
            if (n == 4) {
                kill();
            }
        });
        finish(start(send));
        assertThat(onTheWire("split")).isEqualTo(members.subList(60, 80));
        assertThat(heldBack("split")).isEqualTo(members.subList(80, 90));
        assertThat(inState("split", "SENT")).isEqualTo(members.subList(40, 60));

        // 4. A last part: 81–100 answered, 101–120 written, killed before its answer.
        recorder.beforeAnsweringData(n -> {
            if (n == 6) {
                kill();
            }
        });
        finish(start(send));
        recorder.beforeAnsweringData(n -> { });
        assertThat(onTheWire("split")).isEqualTo(members.subList(100, 120));
        assertThat(heldBack("split")).isEmpty();

        // 5. Run to the end: nothing is left to send, the four parts under way are in doubt.
        int exit = finish(start(send));
        assertThat(exit).as(log()).isIn(0, 3);
        List<String> inDoubt = new ArrayList<>(members.subList(0, 40));
        inDoubt.addAll(members.subList(60, 80));
        inDoubt.addAll(members.subList(100, 120));
        assertThat(inState("split", "IN_DOUBT")).isEqualTo(inDoubt);
        List<String> sent = new ArrayList<>(members.subList(40, 60));
        sent.addAll(members.subList(80, 100));
        assertThat(inState("split", "SENT")).isEqualTo(sent);
        Map<String, Long> received = recorder.acceptedRecipients().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(received).as("the first kill came before any body: its 20 got nothing")
                .containsOnlyKeys(members.subList(20, 120)).allSatisfy((address, n) -> assertThat(n).isEqualTo(1));
    }

    /** The rows of a run on the wire in a transaction (SENDING with a part), in sequence order. */
    private List<String> onTheWire(String campaign) throws Exception {
        return addresses(campaign, "l.status = 'SENDING' AND l.part_no IS NOT NULL");
    }

    /** The rows of a run marked for a message but held for a later transaction of it (no part). */
    private List<String> heldBack(String campaign) throws Exception {
        return addresses(campaign, "l.status = 'SENDING' AND l.part_no IS NULL");
    }

    /** The campaign's addresses shown in this state (the ledger's readers, as status and audit show them). */
    private List<String> inState(String campaign, String state) throws Exception {
        try (Connection connection = database()) {
            return LedgerParts.shownOfCampaign(connection, campaign).stream().filter(row -> row.status().name().equals(state))
                    .map(AuditRow::address).toList();
        }
    }

    private List<String> addresses(String campaign, String condition) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = database(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT l.address FROM bulletin_recipient l JOIN bulletin_run r"
                     + " ON r.run_id = l.run_id WHERE r.campaign = '" + campaign + "' AND " + condition + " ORDER BY l.seq")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    private long runId() throws Exception {
        try (Connection connection = database(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT run_id FROM bulletin_run WHERE campaign = 'crash'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private Map<String, String> ledger() throws Exception {
        return ledger("crash");
    }

    /** Each address of the campaign and its state as shown. */
    private Map<String, String> ledger(String campaign) throws Exception {
        Map<String, String> states = new HashMap<>();
        try (Connection connection = database()) {
            LedgerParts.shownOfCampaign(connection, campaign).forEach(row -> states.put(row.address(), row.status().name()));
        }
        return states;
    }

    /** Where the child keeps its ledger: the home's HSQLDB files here; a subclass points elsewhere. */
    List<String> databaseArguments() {
        return List.of();
    }

    Connection database() throws Exception {
        return BulletinProcess.database(home);
    }
}
