package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.ledger.LedgerParts;
import bulletin.support.BulletinProcess;
import bulletin.support.PostgresServer;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several hosts, one PostgreSQL database: each "host" is a Bulletin home of its own (its own
 * data/ folder, so no file lock is shared) with its own HOSTNAME. One sends; the other is refused
 * naming the host and pid that holds the run; a third sees it RUNNING; the holder is killed with
 * SIGKILL mid-send, and the second host then recovers the run: everyone once, the in-doubt at most once.
 */
class SeveralHostsIT {

    private static final int MEMBERS = 40;
    private static final int ENVELOPE = 5;

    private final ScriptedSmtpServer relay = new ScriptedSmtpServer();
    private final String database = PostgresServer.get().createDatabase("hosts");
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        relay.close();
    }

    private TestHome host(String name) {
        TestHome home = TestHome.create(name);
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", TestHome.members("hosts", MEMBERS));
        home.writeJob("monthly", "monthly", "data/members.csv", ENVELOPE, "rec", null);
        return home;
    }

    private Map<String, String> environment(String host) {
        return Map.of("HOSTNAME", host, "SPRING_DATASOURCE_URL", database,
                "SPRING_DATASOURCE_USERNAME", PostgresServer.USER, "SPRING_DATASOURCE_PASSWORD", PostgresServer.PASSWORD,
                "BULLETIN_RELAYS_REC_HOST", "127.0.0.1", "BULLETIN_RELAYS_REC_PORT", String.valueOf(relay.port()),
                "BULLETIN_RELAYS_REC_SECURITY", "none");
    }

    @Test
    void oneHostSendsTheOthersAreRefusedOrSeeItRunningAndADeadHolderIsRecovered() throws Exception {
        TestHome a = host("host-a");
        TestHome b = host("host-b");
        TestHome c = host("host-c");
        CountDownLatch killed = new CountDownLatch(1);
        relay.beforeAnsweringData(n -> {
            if (n == 3) {
                try {
                    killed.await(3, TimeUnit.MINUTES); // host A stays in the middle of its send
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Process sender = BulletinProcess.startAs(a, "077", environment("host-a"),
                List.of("send", "jobs/monthly.yml", "--period", "2026-11"), a.path("send.log"));
        started.add(sender);
        await().atMost(Duration.ofMinutes(3)).until(() -> relay.dataCommands() >= 3 || !sender.isAlive());
        assertThat(sender.isAlive()).as(Files.readString(a.path("send.log"))).isTrue();

        var refused = BulletinProcess.runAs(b, "077", environment("host-b"), "send", "jobs/monthly.yml", "--period", "2026-11");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("is being sent right now by another Bulletin process (host host-a, pid "
                + sender.pid());

        var status = BulletinProcess.runAs(c, "077", environment("host-c"), "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("monthly +2026-11 +RUNNING");

        sender.destroyForcibly(); // SIGKILL in the middle of the send: the database session ends with it
        assertThat(sender.waitFor(1, TimeUnit.MINUTES)).isTrue();
        killed.countDown();

        var recovered = BulletinProcess.runAs(b, "077", environment("host-b"), "send", "jobs/monthly.yml", "--period", "2026-11");
        assertThat(recovered.exitCode()).as(recovered.output()).isIn(0, 3);

        Map<String, Long> received = relay.acceptedRecipients().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, String> states = states();
        assertThat(states).hasSize(MEMBERS);
        for (String member : TestHome.members("hosts", MEMBERS)) {
            long times = received.getOrDefault(member, 0L);
            if (states.get(member).equals("IN_DOUBT")) {
                assertThat(times).as(member + " in doubt").isLessThanOrEqualTo(1);
            } else {
                assertThat(states.get(member)).isEqualTo("SENT");
                assertThat(times).as(member).isEqualTo(1);
            }
        }
        assertThat(states.values()).as("at most one message in doubt per connection").filteredOn("IN_DOUBT"::equals)
                .hasSizeLessThanOrEqualTo(ENVELOPE);
    }

    private Map<String, String> states() throws Exception {
        Map<String, String> states = new HashMap<>();
        try (Connection db = DriverManager.getConnection(database, PostgresServer.USER, PostgresServer.PASSWORD)) {
            LedgerParts.shownOfAll(db).forEach(row -> states.put(row.address(), row.status().name()));
        }
        return states;
    }
}
