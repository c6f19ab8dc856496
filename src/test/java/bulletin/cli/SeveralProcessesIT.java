package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.ledger.DeliveryStatus;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several Bulletin processes on one database, as on the association's machine: while a
 * {@code send} is held in the middle of its run (the relay stalls on its third message), other
 * processes read the ledger, preview the campaign, and try to send or restart the same run — which
 * is refused, so nobody is mailed twice. The send holds the database itself and serves them; once
 * done, it waits for another process still connected, then ends and lets the files go.
 */
class SeveralProcessesIT {

    private static final int MEMBERS = 40;

    private final TestHome home = TestHome.create("several");
    private final ScriptedSmtpServer relay = new ScriptedSmtpServer();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stalled = new CountDownLatch(1);
    private Process sender;

    @AfterEach
    void stop() {
        release.countDown();
        if (sender != null) {
            sender.destroyForcibly();
        }
        relay.close();
    }

    @Test
    void othersReadTheLedgerWhileASendRunsAndASecondSendOfTheSameRunIsRefused() throws Exception {
        home.writeTemplate("letter");
        List<String> members = TestHome.members("several", MEMBERS);
        home.writeRecipients("data/members.csv", members);
        home.writeJob("news", "news", "data/members.csv", 5, "rec", null);
        relay.beforeAnsweringData(n -> {
            if (n == 3) {
                stalled.countDown();
                hold(release);
            }
        });
        List<String> relayArgs = List.of("--bulletin.relays.rec.host=127.0.0.1",
                "--bulletin.relays.rec.port=" + relay.port(), "--bulletin.relays.rec.security=none",
                "--bulletin.relays.rec.read-timeout=10m");
        List<String> sendArgs = new ArrayList<>(List.of("send", "jobs/news.yml", "--period", "2026-11"));
        sendArgs.addAll(relayArgs);
        sender = BulletinProcess.start(home, home.path("sender.log"), sendArgs);
        assertThat(stalled.await(3, TimeUnit.MINUTES)).as(senderLog()).isTrue();
        assertThat(Files.readString(home.path("data/db/bulletin.server"))).as("the sender serves the database")
                .contains("pid=" + sender.pid());

        Run status = BulletinProcess.run(home, "status");
        assertThat(status.exitCode()).as(status.output()).isEqualTo(0);
        assertThat(status.output()).containsPattern("1 +news +2026-11 +RUNNING").contains("(total " + MEMBERS + ")");

        Run audit = BulletinProcess.run(home, "audit", "1");
        assertThat(audit.exitCode()).as(audit.output()).isEqualTo(0);
        assertThat(audit.output()).contains("SENT").contains("SENDING");

        Run lists = BulletinProcess.run(home, "lists");
        assertThat(lists.exitCode()).as(lists.output()).isEqualTo(0);

        List<String> previewArgs = new ArrayList<>(List.of("preview", "jobs/news.yml", "--out", "preview"));
        previewArgs.addAll(relayArgs);
        Run preview = BulletinProcess.run(home, previewArgs.toArray(String[]::new));
        assertThat(preview.exitCode()).as(preview.output()).isEqualTo(0);
        assertThat(home.path("preview")).isNotEmptyDirectory();

        String[] again = sendArgs.toArray(String[]::new);
        Run second = BulletinProcess.run(home, again);
        assertThat(second.exitCode()).as(second.output()).isEqualTo(2);
        assertThat(second.output()).contains("news 2026-11 is being sent right now by another Bulletin process (pid "
                + sender.pid()).doesNotContain("\tat ");
        Run restart = BulletinProcess.run(home, "restart", "1");
        assertThat(restart.exitCode()).as(restart.output()).isEqualTo(2);
        Run abandon = BulletinProcess.run(home, "abandon", "1");
        assertThat(abandon.exitCode()).as(abandon.output()).isEqualTo(2);
        assertThat(relay.dataCommands()).as("nothing sent by the refused commands").isEqualTo(3);

        // The sender holds the database itself and served all of them; it stays while another process
        // is connected, whose work goes on, and ends once that one is done.
        try (Connection other = BulletinProcess.database(home)) {
            release.countDown();
            await().atMost(Duration.ofMinutes(3)).until(() -> senderLog().contains("other Bulletin process(es) use the"
                    + " database this one holds") || !sender.isAlive());
            assertThat(sender.isAlive()).as(senderLog()).isTrue();
            assertThat(sentRows(other)).as("its work all done and served").isEqualTo(MEMBERS);
        }
        assertThat(sender.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(sender.exitValue()).as(senderLog()).isEqualTo(0);
        assertThat(relay.acceptedRecipients()).hasSize(MEMBERS).containsExactlyInAnyOrderElementsOf(members);
        BulletinProcess.awaitServerStopped(home);
        try (Connection db = BulletinProcess.database(home)) {
            assertThat(sentRows(db)).isEqualTo(MEMBERS);
        }
        assertThat(home.path("data/db/bulletin.server.log")).as("no helper: the sender served the others").doesNotExist();
    }

    private static int sentRows(Connection db) throws Exception {
        return (int) LedgerParts.shownOfAll(db).stream().filter(row -> row.status() == DeliveryStatus.SENT).count();
    }

    private String senderLog() throws Exception {
        return Files.exists(home.path("sender.log")) ? Files.readString(home.path("sender.log")) : "";
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
