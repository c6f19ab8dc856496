package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.ledger.LedgerParts;
import bulletin.support.BulletinProcess;
import bulletin.support.BulletinProcess.Run;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C and SIGTERM (systemd, {@code kill}) through the packaged jar: the first stops the send
 * cleanly after the messages in flight (STOPPED, exit 130/143, nobody in doubt); a second quits at
 * once, putting back to PENDING a message whose data never ended. The same command goes on.
 */
class StopSignalsIT {

    private static final int MEMBERS = 40;

    private final TestHome home = TestHome.create("signals");
    private final ScriptedSmtpServer relay = new ScriptedSmtpServer();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Process sender;

    @AfterEach
    void stop() {
        release.countDown();
        if (sender != null) {
            sender.destroyForcibly();
        }
        relay.close();
    }

    private List<String> sendArgs() {
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", TestHome.members("sig", MEMBERS));
        home.writeJob("news", "news", "data/members.csv", 5, "rec", null);
        return new ArrayList<>(List.of("send", "jobs/news.yml", "--period", "2026-11",
                "--bulletin.relays.rec.host=127.0.0.1", "--bulletin.relays.rec.port=" + relay.port(),
                "--bulletin.relays.rec.security=none", "--bulletin.relays.rec.read-timeout=10m"));
    }

    private void stallAt(int message) {
        if (message > 0) {
            stalled.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String log() throws Exception {
        return Files.exists(home.path("sender.log")) ? Files.readString(home.path("sender.log")) : "";
    }

    private void signal(String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(sender.pid())).start().waitFor()).isZero();
    }

    @Test
    void sigtermStopsAfterTheMessageInFlightWithExit143AndTheSameCommandGoesOn() throws Exception {
        relay.beforeAnsweringData(n -> stallAt(n == 3 ? n : 0));
        List<String> args = sendArgs();
        sender = BulletinProcess.start(home, home.path("sender.log"), args);
        assertThat(stalled.await(3, TimeUnit.MINUTES)).as("the relay holds message 3").isTrue();

        signal("TERM");
        await().atMost(Duration.ofMinutes(1)).until(() -> log().contains("stopping after the messages in flight"));
        release.countDown();

        assertThat(sender.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(sender.exitValue()).as(log()).isEqualTo(143);
        assertThat(log()).contains("was stopped: stopped by SIGTERM after 15 of 40 recipients")
                .contains("Run the same command again").doesNotContain("\tat ");
        assertThat(states()).isEqualTo(Map.of("SENT", 15L, "PENDING", 25L));

        Run again = BulletinProcess.run(home, args.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(relay.acceptedRecipients()).hasSize(MEMBERS).doesNotHaveDuplicates();
        Run status = BulletinProcess.run(home, "status");
        assertThat(status.output()).containsPattern("1 +news +2026-11 +COMPLETED +20\\d\\d-").contains("Times are in Pacific/Noumea");
    }

    @Test
    void aSecondCtrlCQuitsAtOnceAndAMessageWhoseDataNeverEndedIsPendingAgain() throws Exception {
        relay.beforeAnsweringDataCommand(n -> stallAt(n == 3 ? n : 0));
        List<String> args = sendArgs();
        // A shell started from a script ignores SIGINT in the commands it runs in the background:
        // perl (Debian's perl-base, always there) puts Ctrl-C back before starting the jar.
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        command.addAll(BulletinProcess.command(List.of(), args));
        sender = new ProcessBuilder(command).directory(home.root().toFile()).redirectErrorStream(true)
                .redirectOutput(home.path("sender.log").toFile()).start();
        assertThat(stalled.await(3, TimeUnit.MINUTES)).as("the relay holds message 3 before its data").isTrue();

        signal("INT");
        await().atMost(Duration.ofMinutes(1)).until(() -> log().contains("stopping after the messages in flight"));
        signal("INT");

        assertThat(sender.waitFor(1, TimeUnit.MINUTES)).as(log()).isTrue();
        assertThat(sender.exitValue()).as(log()).isEqualTo(130);
        assertThat(log()).contains("quitting at once").doesNotContain("\tat ");
        assertThat(states()).as("message 3 never left: its recipients are PENDING, not in doubt")
                .isEqualTo(Map.of("SENT", 10L, "PENDING", 30L));
        release.countDown();

        Run again = BulletinProcess.run(home, args.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.output()).isZero();
        Map<String, Long> times = relay.acceptedRecipients().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(times).hasSize(MEMBERS).allSatisfy((address, n) -> assertThat(n).isEqualTo(1));
    }

    /** schedule says when each job fires next, in the association's zone, and stops on SIGTERM with a line. */
    @Test
    void scheduleSaysWhatItWillDoAndStopsWithALine() throws Exception {
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", TestHome.members("sched", 3));
        home.writeJob("monthly", "monthly", "data/members.csv", 5, "outbox", "schedule: \"0 8 1 * *\"");
        sender = BulletinProcess.start(home, home.path("sender.log"), List.of("schedule"));
        await().atMost(Duration.ofMinutes(3)).until(() -> log().contains("next at") || !sender.isAlive());
        assertThat(log()).containsPattern("monthly \\(0 0 8 1 \\* \\*\\): next at 20\\d\\d-\\d\\d-01 08:00 Pacific/Noumea");

        signal("TERM");

        assertThat(sender.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(sender.exitValue()).as(log()).isEqualTo(143);
        // It ends its current task (a feedback read, a wait) and stops: one line, no trace.
        assertThat(log()).contains("SIGTERM: stopping after the scheduler's current task").contains("Schedule: stopped by SIGTERM")
                .doesNotContain("\tat ");
    }

    private Map<String, Long> states() throws Exception {
        Map<String, Long> states = new TreeMap<>();
        try (Connection db = BulletinProcess.database(home)) {
            LedgerParts.shownOfAll(db).forEach(row -> states.merge(row.status().name(), 1L, Long::sum));
        }
        return states;
    }
}
