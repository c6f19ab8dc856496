package bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.audience.AudienceParts;
import bulletin.feedback.FeedbackParts;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.ledger.Runs;
import bulletin.relay.BoundRelays;
import bulletin.relay.RelayException;
import bulletin.relay.RelayFactory;
import bulletin.stop.OperatorStop;
import bulletin.support.MemoryDatabase;
import bulletin.support.ScriptedSmtpServer;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast layer's specification of the send loop, without Spring or a child process: the real
 * ledger in memory, the real SMTP relay against an in-test server. A round commits the answers to
 * the round before with its own SENDING marks; a lost answer puts one message in doubt and the
 * run goes on; several in a row stop it; the operator's stop halts before the next round.
 */
class SendLoopTest {

    private static final long RUN = 7;

    @TempDir
    Path home;

    private final MemoryDatabase database = MemoryDatabase.create();
    private final Ledger ledger = LedgerParts.ledger(database);
    private final Runs runs = LedgerParts.runs(database);
    private final ScriptedSmtpServer server = new ScriptedSmtpServer();
    private final OperatorStop operatorStop = new OperatorStop();
    private SendLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.close();
        }
        server.close();
    }

    private SendLoop loop(int lostAnswersInARow) {
        RelayFactory relays = BoundRelays.plain("rec", server.port()).factory();
        Workspace workspace = new Workspace(home, Path.of("templates"), Path.of("data/lists"), Path.of("jobs"),
                Path.of("data/outbox"), Path.of("data/reports"));
        loop = new SendLoop(ledger, runs, relays, workspace, new Locality(ZoneId.of("Pacific/Noumea"), Locale.FRANCE),
                new SendSettings(0.25, 20, lostAnswersInARow), new Progress(), operatorStop,
                FeedbackParts.actions(database), LedgerParts.events(database));
        return loop;
    }

    /** Stages the members in envelopes of two and opens reader and loop, as the send step does. */
    private RoundReader start(int members, SendLoop loop) {
        StagedRun.stage(ledger, runs, RUN, "rec", 2, StagedRun.members(members));
        RoundReader reader = new RoundReader(ledger, runs, BoundRelays.plain("rec", server.port()).factory());
        reader.open(RUN);
        loop.open(RUN, 1, null);
        return reader;
    }

    private long count(DeliveryStatus state) {
        return StagedRun.count(ledger, RUN, state);
    }

    @Test
    void eachRoundCommitsTheAnswersToTheRoundBeforeWithItsOwnSendingMarks() {
        SendLoop loop = loop(3);
        RoundReader reader = start(5, loop);

        assertThat(loop.send(reader.next())).isNull();
        assertThat(count(DeliveryStatus.SENDING)).as("round 1 handed over; its answer waits").isEqualTo(2);
        assertThat(count(DeliveryStatus.SENT)).isZero();

        assertThat(loop.send(reader.next())).isNull();
        assertThat(count(DeliveryStatus.SENT)).as("round 1's answers, with round 2's marks").isEqualTo(2);
        assertThat(count(DeliveryStatus.SENDING)).isEqualTo(2);

        assertThat(loop.send(reader.next())).isNull();
        assertThat(reader.next()).isNull();
        loop.recordAnswers(); // the step's last chunk
        assertThat(count(DeliveryStatus.SENT)).isEqualTo(5);
        assertThat(count(DeliveryStatus.SENDING)).isZero();
        assertThat(server.acceptedRecipients()).containsExactlyElementsOf(StagedRun.members(5));
        assertThat(server.connections()).as("one connection for the attempt").isEqualTo(1);
    }

    @Test
    void aLostAnswerPutsThatMessageInDoubtAtOnceAndTheRunGoesOnOverANewConnection() {
        server.droppingBeforeAnsweringDataOfMessage(2);
        SendLoop loop = loop(3);
        RoundReader reader = start(6, loop);

        loop.send(reader.next());
        loop.send(reader.next());
        assertThat(count(DeliveryStatus.IN_DOUBT)).as("no answer to message 2: in doubt, not sent again").isEqualTo(2);
        loop.send(reader.next());
        loop.recordAnswers();

        assertThat(count(DeliveryStatus.SENT)).isEqualTo(4);
        assertThat(count(DeliveryStatus.IN_DOUBT)).isEqualTo(2);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.acceptedRecipients()).as("each received once").containsExactlyElementsOf(StagedRun.members(6));
    }

    @Test
    void severalLostAnswersInARowStopTheRunWithTheAnswersReceivedRecorded() {
        server.droppingBeforeAnsweringDataFrom(2);
        SendLoop loop = loop(2);
        RoundReader reader = start(8, loop);

        loop.send(reader.next());
        loop.send(reader.next());
        Round third = reader.next();
        assertThatThrownBy(() -> loop.send(third)).isInstanceOf(RelayException.class)
                .hasMessageContaining("the answers to 2 messages in a row were lost");

        assertThat(count(DeliveryStatus.SENT)).as("round 1, recorded with round 2's marks").isEqualTo(2);
        assertThat(count(DeliveryStatus.IN_DOUBT)).isEqualTo(4);
        assertThat(count(DeliveryStatus.PENDING)).as("never handed over").isEqualTo(2);
        assertThat(count(DeliveryStatus.SENDING)).isZero();
    }

    @Test
    void theOperatorsStopHaltsBeforeTheNextRoundAndKeepsTheAnswersAlreadyReceived() {
        SendLoop loop = loop(3);
        RoundReader reader = start(6, loop);

        loop.send(reader.next());
        operatorStop.request(new OperatorStop.Signal("SIGTERM", 15));
        Halt halt = loop.send(reader.next());
        loop.recordAnswers();

        assertThat(halt).isNotNull();
        assertThat(halt.reason()).startsWith("stopped by SIGTERM after 2 of 6 recipients");
        assertThat(halt.resumeAt()).isNull();
        assertThat(count(DeliveryStatus.SENT)).isEqualTo(2);
        assertThat(count(DeliveryStatus.PENDING)).isEqualTo(4);
        assertThat(server.dataCommands()).isEqualTo(1);
    }

    @Test
    void anAddressRefusedAtRcptIsRefusedWithTheRelaysWordsAndSuppressedForTheRunsToCome() {
        server.answeringRcpt(address -> address.equals("m2@amis.example")
                ? "550 5.1.1 <m2@amis.example>: Recipient address rejected: User unknown" : null);
        SendLoop loop = loop(3);
        RoundReader reader = start(4, loop);

        loop.send(reader.next());
        loop.send(reader.next());
        loop.recordAnswers();

        assertThat(count(DeliveryStatus.REFUSED)).isEqualTo(1);
        assertThat(count(DeliveryStatus.SENT)).isEqualTo(3);
        assertThat(AudienceParts.suppressions(database).isSuppressed("m2@amis.example")).isTrue();
        assertThat(server.acceptedRecipients()).doesNotContain("m2@amis.example");
    }

    /** Progress as the terminal would get it; nothing to show in a specification. */
    private static final class Progress implements SendProgress {
        @Override
        public void started(long runId, long toSend) {
        }

        @Override
        public void advanced(long handled, long notSent) {
        }

        @Override
        public void finished() {
        }
    }
}
