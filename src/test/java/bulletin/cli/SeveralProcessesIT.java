package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.BulletinProcess;
import bulletin.support.BulletinProcess.Run;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * is refused, so nobody is mailed twice. Then the send finishes and the database server stops.
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
                await(release);
            }
        });
        List<String> relayArgs = List.of("--bulletin.relays.rec.host=127.0.0.1",
                "--bulletin.relays.rec.port=" + relay.port(), "--bulletin.relays.rec.security=none",
                "--bulletin.relays.rec.read-timeout=10m");
        List<String> sendArgs = new ArrayList<>(List.of("send", "jobs/news.yml", "--period", "2026-11"));
        sendArgs.addAll(relayArgs);
        sender = BulletinProcess.start(home, home.path("sender.log"), sendArgs);
        assertThat(stalled.await(3, TimeUnit.MINUTES)).as(senderLog()).isTrue();

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

        release.countDown();
        assertThat(sender.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(sender.exitValue()).as(senderLog()).isEqualTo(0);
        assertThat(relay.acceptedRecipients()).hasSize(MEMBERS).containsExactlyInAnyOrderElementsOf(members);
        try (Connection db = BulletinProcess.database(home); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM bulletin_recipient WHERE status = 'SENT'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(MEMBERS);
        }
        BulletinProcess.awaitServerStopped(home); // the database helper stops once idle
        assertThat(Files.readString(home.path("data/db/bulletin.server.log"), StandardCharsets.UTF_8))
                .doesNotContainIgnoringCase("password");
    }

    private String senderLog() throws Exception {
        return Files.exists(home.path("sender.log")) ? Files.readString(home.path("sender.log")) : "";
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
