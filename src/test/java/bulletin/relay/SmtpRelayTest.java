package bulletin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.message.Letter;
import bulletin.message.MessageComposer;
import bulletin.message.RenderedContent;
import bulletin.support.ScriptedSmtpServer;
import bulletin.text.TerminalWords;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP relay against a server that answers what each test needs. */
class SmtpRelayTest {

    private final ScriptedSmtpServer server = new ScriptedSmtpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private Relay relay() {
        return BoundRelays.plain("test", server.port()).factory().open("test", "bureau@amis.example", Path.of("unused"));
    }

    private static ComposedMessage message(Relay relay, int n) {
        String messageId = "<" + n + "@amis.example>";
        return new ComposedMessage(messageId, new MessageComposer(java.time.ZoneId.of("Pacific/Noumea")).bytes(relay.smtpUtf8(),
                new Letter("bureau@amis.example", null, Letter.UNDISCLOSED, new RenderedContent("s", null, "t")), messageId, Map.of()));
    }

    @Test
    void reusesOneConnectionForEveryMessageOfARun() {
        try (Relay relay = relay()) {
            for (int i = 0; i < 3; i++) {
                DeliveryReport report = relay.send(message(relay, i), List.of("a" + i + "@example.org", "b" + i + "@example.org"));
                assertThat(report.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
            }
        }
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.accepted()).hasSize(3);
        assertThat(server.accepted().get(0).mailFrom()).isEqualTo("bureau@amis.example");
    }

    @Test
    void givesEachAddressItsOwnOutcomeWhenSomeAreRefused() {
        server.answeringRcpt(address -> address.startsWith("gone") ? "550 5.1.1 no such user"
                : address.startsWith("later") ? "452 4.2.2 mailbox full" : null);
        DeliveryReport report;
        try (Relay relay = relay()) {
            report = relay.send(message(relay, 1), List.of("ok@example.org", "gone@example.org", "later@example.org"));
        }

        assertThat(report.outcome("ok@example.org")).isInstanceOf(RecipientOutcome.Accepted.class);
        assertThat(report.outcome("ok@example.org").reply()).startsWith("250");
        assertThat(report.outcome("gone@example.org")).isInstanceOf(RecipientOutcome.Refused.class);
        assertThat(report.outcome("gone@example.org").reply()).contains("550 5.1.1 no such user");
        assertThat(report.outcome("later@example.org")).isInstanceOf(RecipientOutcome.Deferred.class);
        assertThat(report.outcome("later@example.org").reply()).contains("452");
        assertThat(server.acceptedRecipients()).containsExactly("ok@example.org");
    }

    /** Outcomes come back for the envelope's own entries, however Jakarta Mail writes the address. */
    @Test
    void anAddressJakartaMailWritesDifferentlyStillGetsItsOwnOutcome() {
        server.answeringRcpt(address -> address.startsWith("gone") ? "550 5.1.1 no such user" : null);
        String gone = " gone@example.org ";
        DeliveryReport report;
        try (Relay relay = relay()) {
            report = relay.send(message(relay, 1), List.of("ok@example.org", gone));
        }

        assertThat(report.outcome(gone)).isInstanceOf(RecipientOutcome.Refused.class);
        assertThat(report.outcome(gone).reply()).contains("550 5.1.1 no such user");
        assertThat(report.outcome("ok@example.org")).isInstanceOf(RecipientOutcome.Accepted.class);
    }

    @Test
    void aConnectionTheServerClosedBetweenMessagesIsReopenedWithoutLosingTheMessage() {
        server.droppingAfterMessagesPerConnection(1);
        try (Relay relay = relay()) {
            for (int i = 0; i < 3; i++) {
                relay.send(message(relay, i), List.of("r" + i + "@example.org"));
            }
        }
        assertThat(server.acceptedRecipients()).containsExactly("r0@example.org", "r1@example.org", "r2@example.org");
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void aConnectionLostBeforeTheEndOfDataIsTriedAgainOnAFreshConnectionAndDeliversOnce() {
        server.droppingAtDataCommandOfMessage(1);
        DeliveryReport report;
        try (Relay relay = relay()) {
            report = relay.send(message(relay, 1), List.of("a@example.org", "b@example.org"));
        }
        assertThat(report.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
        assertThat(server.acceptedRecipients()).containsExactly("a@example.org", "b@example.org");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aConnectionLostAfterTheEndOfDataIsInDoubtAndNeverTriedAgain() {
        server.droppingBeforeAnsweringDataOfMessage(1);
        try (Relay relay = relay()) {
            assertThatThrownBy(() -> relay.send(message(relay, 1), List.of("a@example.org")))
                    .isInstanceOfSatisfying(RelayException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RelayException.Kind.MAY_HAVE_LEFT);
                        assertThat(e.mayHaveLeft()).isTrue();
                        // Said by what happened, in the operator's language: no library text ("[EOF]", "Exception reading").
                        assertThat(e.sentence().in(TerminalWords.in(Locale.FRANCE)))
                                .contains("qui a donc peut-être été accepté").contains("le relais a fermé la connexion")
                                .doesNotContain("EOF").doesNotContain("Exception");
                    })
                    .hasMessageContaining("may have been accepted").hasMessageContaining("the relay closed the connection");
        }
        assertThat(server.dataCommands()).isEqualTo(1);
        assertThat(server.acceptedRecipients()).containsExactly("a@example.org");
    }

    @Test
    void aTemporaryRefusalOfDataIsTriedAgainAndAPermanentOneEndsDeferredWithTheLastReply() {
        server.refusingDataOfMessage(1, "451 4.3.0 try again later");
        try (Relay relay = relay()) {
            DeliveryReport report = relay.send(message(relay, 1), List.of("a@example.org", "b@example.org"));
            assertThat(report.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
        }
        assertThat(server.acceptedRecipients()).containsExactly("a@example.org", "b@example.org");

        server.refusingEveryData("554 5.7.1 message refused");
        try (Relay relay = relay()) {
            DeliveryReport report = relay.send(message(relay, 2), List.of("c@example.org"));
            assertThat(report.outcome("c@example.org")).isInstanceOf(RecipientOutcome.Deferred.class);
            assertThat(report.outcome("c@example.org").reply()).contains("554 5.7.1 message refused").contains("DATA");
        }
        assertThat(server.dataCommands()).isEqualTo(2 + 3);
        assertThat(server.acceptedRecipients()).containsExactly("a@example.org", "b@example.org");
    }

    @Test
    void addressesDeferredAtRcptAreTriedAgainInALaterTransactionWithoutTheOthers() {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        server.answeringRcpt(address -> address.startsWith("grey") && tries.incrementAndGet() == 1
                ? "451 4.7.1 greylisted, try again later" : null);
        DeliveryReport report;
        try (Relay relay = relay()) {
            report = relay.send(message(relay, 1), List.of("ok@example.org", "grey@example.org"));
        }
        assertThat(report.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
        assertThat(server.accepted()).extracting(ScriptedSmtpServer.Transaction::recipients)
                .containsExactly(List.of("ok@example.org"), List.of("grey@example.org"));
        // The try again is reported with the message, for the run report's timeline.
        assertThat(report.retries()).singleElement().satisfies(retry -> {
            assertThat(retry.recipients()).isEqualTo(1);
            assertThat(retry.reply()).startsWith("451 4.7.1 greylisted");
            assertThat(retry.delay()).isPositive();
        });
    }

    /**
     * RFC 5321 4.5.3.1.10: a 452 too many recipients is the relay's cap, not a temporary failure —
     * the rest go in the next transaction at once (no backoff), and later messages are cut to the cap.
     */
    @Test
    void recipientsBeyondTheRelaysCapGoInTheNextTransactionAtOnceAndLaterMessagesRespectTheCap() {
        server.limitingRecipientsPerTransaction(2);
        RelayProfile profile = BoundRelays.plain("test", server.port()).profile("test");
        RetryingRelay.Sleeper noBackoff = duration -> {
            throw new AssertionError("a 452 too many recipients must not wait " + duration);
        };
        DeliveryReport first;
        DeliveryReport second;
        try (Relay relay = new RetryingRelay(new SmtpRelay("test", profile, "bureau@amis.example"), profile.retry(),
                noBackoff, new java.util.concurrent.atomic.AtomicInteger())) {
            first = relay.send(message(relay, 1), List.of("a@example.org", "b@example.org", "c@example.org",
                    "d@example.org", "e@example.org"));
            int capHits = server.tooManyRecipientsAnswers();
            second = relay.send(message(relay, 2), List.of("f@example.org", "g@example.org", "h@example.org",
                    "i@example.org", "j@example.org"));
            assertThat(server.tooManyRecipientsAnswers()).as("the second message is cut to the cap before it is sent")
                    .isEqualTo(capHits);
        }
        assertThat(first.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
        assertThat(second.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
        assertThat(first.retries()).as("going on past the cap is no try again").isEmpty();
        assertThat(server.accepted()).extracting(ScriptedSmtpServer.Transaction::recipients).containsExactly(
                List.of("a@example.org", "b@example.org"), List.of("c@example.org", "d@example.org"), List.of("e@example.org"),
                List.of("f@example.org", "g@example.org"), List.of("h@example.org", "i@example.org"), List.of("j@example.org"));
    }

    @Test
    void aMailboxFull452IsATemporaryFailureNotACap() {
        assertThat(RetryingRelay.isTooManyRecipients(new RecipientOutcome.Deferred("452 4.2.2 mailbox full"))).isFalse();
        assertThat(RetryingRelay.isTooManyRecipients(new RecipientOutcome.Deferred("452 4.5.3 Too many recipients"))).isTrue();
        assertThat(RetryingRelay.isTooManyRecipients(new RecipientOutcome.Deferred("452 too many recipients"))).isTrue();
    }

    @Test
    void aConnectionIsRenewedAfterTheConfiguredNumberOfMessages() {
        try (Relay relay = BoundRelays.plain("test", server.port()).relay("test", "max-messages-per-connection", 2)
                .factory().open("test", "bureau@amis.example", Path.of("unused"))) {
            for (int i = 0; i < 5; i++) {
                relay.send(message(relay, i), List.of("r" + i + "@example.org"));
            }
        }
        assertThat(server.connections()).isEqualTo(3);
        assertThat(server.accepted()).hasSize(5);
    }

    @Test
    void aServerRefusingAtGreetingIsTriedAFewTimesThenAConnectionFailureThatSaysWhere() {
        server.greeting("421 4.3.2 too busy, try later");
        try (Relay relay = relay()) {
            assertThatThrownBy(() -> relay.send(message(relay, 1), List.of("a@example.org")))
                    .isInstanceOfSatisfying(RelayException.class, e -> {
                        assertThat(e.mayHaveLeft()).isFalse();
                        assertThat(e.fatal()).isFalse();
                    })
                    .hasMessageContaining("127.0.0.1:" + server.port());
        }
        assertThat(server.connections()).isEqualTo(3);
        assertThat(server.accepted()).isEmpty();
    }

    // ---- PIPELINING (RFC 2920) ----------------------------------------------------------

    private Relay relay(BoundRelays relays) {
        return relays.factory().open("test", "bureau@amis.example", Path.of("unused"));
    }

    @Test
    void writesTheCommandsOfAMessageTogetherWhenTheRelayAdvertisesPipelining() {
        // The server answers MAIL FROM only once DATA has arrived: a client waiting for that answer would time out.
        server.holdingRepliesUntilData();
        try (Relay relay = relay(BoundRelays.plain("test", server.port()).relay("test", "read-timeout", "20s"))) {
            for (int i = 0; i < 3; i++) {
                DeliveryReport report = relay.send(message(relay, i), List.of("a" + i + "@example.org", "b" + i + "@example.org"));
                assertThat(report.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
            }
        }
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.accepted()).extracting(ScriptedSmtpServer.Transaction::recipients)
                .containsExactly(List.of("a0@example.org", "b0@example.org"), List.of("a1@example.org", "b1@example.org"),
                        List.of("a2@example.org", "b2@example.org"));
        // In one write: the RCPTs and DATA were there with each MAIL FROM (a packet each would stall on Nagle).
        assertThat(server.commandsAheadOfMailReply()).isEqualTo(3);
    }

    @Test
    void aRefusedAndADeferredAddressInTheMiddleOfAPipelinedMessageGetTheirOwnOutcomes() {
        server.holdingRepliesUntilData().answeringRcpt(address -> address.startsWith("gone") ? "550 5.1.1 no such user"
                : address.startsWith("later") ? "452 4.2.2 mailbox full" : null);
        DeliveryReport report;
        try (Relay relay = relay(BoundRelays.plain("test", server.port()).relay("test", "read-timeout", "20s"))) {
            report = relay.send(message(relay, 1), List.of("ok@example.org", "gone@example.org", "later@example.org",
                    "ok2@example.org"));
        }
        assertThat(report.outcome("ok@example.org")).isInstanceOf(RecipientOutcome.Accepted.class);
        assertThat(report.outcome("ok2@example.org")).isInstanceOf(RecipientOutcome.Accepted.class);
        assertThat(report.outcome("gone@example.org")).isInstanceOf(RecipientOutcome.Refused.class);
        assertThat(report.outcome("gone@example.org").reply()).contains("550 5.1.1 no such user");
        assertThat(report.outcome("later@example.org")).isInstanceOf(RecipientOutcome.Deferred.class);
        assertThat(report.outcome("later@example.org").reply()).contains("452 4.2.2");
        assertThat(server.accepted()).singleElement().extracting(ScriptedSmtpServer.Transaction::recipients)
                .isEqualTo(List.of("ok@example.org", "ok2@example.org"));
    }

    @Test
    void aPipelinedMessageWhoseEveryAddressIsRefusedSendsNothingAndLeavesTheConnectionUsable() {
        server.advertisingPipelining().answeringRcpt(address -> address.startsWith("gone") ? "550 5.1.1 no such user" : null);
        try (Relay relay = relay(BoundRelays.plain("test", server.port()))) {
            DeliveryReport refused = relay.send(message(relay, 1), List.of("gone1@example.org", "gone2@example.org"));
            assertThat(refused.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Refused);
            // The DATA written ahead was refused (554) and its answer read before RSET: the next message is in step.
            DeliveryReport next = relay.send(message(relay, 2), List.of("ok@example.org"));
            assertThat(next.outcome("ok@example.org")).isInstanceOf(RecipientOutcome.Accepted.class);
        }
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.accepted()).singleElement().extracting(ScriptedSmtpServer.Transaction::recipients)
                .isEqualTo(List.of("ok@example.org"));
    }

    @Test
    void aPipelinedMessageWhoseSenderIsRefusedSendsNothingAndSaysWhy() {
        server.advertisingPipelining().answeringMailFrom("550 5.7.1 sender not allowed");
        DeliveryReport report;
        try (Relay relay = relay(BoundRelays.plain("test", server.port()))) {
            report = relay.send(message(relay, 1), List.of("a@example.org", "b@example.org"));
        }
        assertThat(report.outcomes().values()).allSatisfy(outcome -> {
            assertThat(outcome).isInstanceOf(RecipientOutcome.Deferred.class);
            assertThat(outcome.reply()).contains("550 5.7.1 sender not allowed").contains("MAIL FROM");
        });
        // Each try read the answers to the RCPTs and DATA written ahead (503) before its RSET: one connection stayed in step.
        assertThat(server.mailCommands()).isEqualTo(3);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.accepted()).isEmpty();
        assertThat(server.dataCommands()).isZero();
    }

    @Test
    void writesOneCommandAtATimeWhenTheRelayDoesNotAdvertisePipeliningOrItIsTurnedOff() {
        try (Relay relay = relay()) {
            relay.send(message(relay, 1), List.of("a@example.org", "b@example.org", "c@example.org"));
        }
        ScriptedSmtpServer advertising = new ScriptedSmtpServer().advertisingPipelining();
        try (advertising; Relay relay = relay(BoundRelays.plain("test", advertising.port()).relay("test", "pipelining", false))) {
            relay.send(message(relay, 2), List.of("a@example.org", "b@example.org", "c@example.org"));
        }
        // Nothing followed MAIL FROM before its answer: the client waited for each one.
        assertThat(server.commandsAheadOfMailReply()).isZero();
        assertThat(server.accepted()).hasSize(1);
        assertThat(advertising.commandsAheadOfMailReply()).isZero();
        assertThat(advertising.accepted()).hasSize(1);
    }

    /** What a relay told the ledger about one message's transactions, in order. */
    private static final class RecordingJournal implements SendJournal {
        final List<String> said = new java.util.ArrayList<>();

        @Override
        public void starting(List<String> recipients, java.util.Map<String, RecipientOutcome> settled) {
            said.add("starting " + recipients + " after " + settled.entrySet().stream()
                    .filter(entry -> !(entry.getValue() instanceof RecipientOutcome.Deferred)).map(java.util.Map.Entry::getKey)
                    .toList());
        }

        @Override
        public void bodyFollows(List<String> accepted) {
            said.add("body to " + accepted);
        }

        @Override
        public void lost(List<String> recipients, String what) {
            said.add("lost " + recipients);
        }
    }

    private static final List<String> FIVE = List.of("a@example.org", "b@example.org", "c@example.org", "d@example.org",
            "e@example.org");

    @Test
    void aSplitMessageTellsItsJournalOfEachPartAndOfTheRecipientsTakenBeforeTheBody() {
        server.limitingRecipientsPerTransaction(2);
        RecordingJournal journal = new RecordingJournal();
        try (Relay relay = relay()) {
            relay.send(message(relay, 1), FIVE, journal);
        }
        assertThat(journal.said).containsExactly(
                "body to [a@example.org, b@example.org]",
                "starting [c@example.org, d@example.org] after [a@example.org, b@example.org]",
                "starting [e@example.org] after [a@example.org, b@example.org, c@example.org, d@example.org]");
    }

    @Test
    void aLostAnswerToOnePartOfASplitMessagePutsThatPartInDoubtAndTheRestGoesOnANewConnection() {
        server.limitingRecipientsPerTransaction(2).droppingBeforeAnsweringDataOfMessage(2);
        RecordingJournal journal = new RecordingJournal();
        DeliveryReport report;
        try (Relay relay = relay()) {
            report = relay.send(message(relay, 1), FIVE, journal);
        }
        assertThat(report.stopped()).isNull();
        assertThat(report.outcomes()).hasSize(5);
        assertThat(report.outcome("c@example.org")).isInstanceOf(RecipientOutcome.InDoubt.class);
        assertThat(report.outcome("d@example.org")).isInstanceOf(RecipientOutcome.InDoubt.class);
        assertThat(List.of("a@example.org", "b@example.org", "e@example.org")).allSatisfy(
                address -> assertThat(report.outcome(address)).isInstanceOf(RecipientOutcome.Accepted.class));
        assertThat(journal.said).contains("lost [c@example.org, d@example.org]");
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.acceptedRecipients()).containsExactlyElementsOf(FIVE);
    }

    @Test
    void aSecondLostAnswerInOneMessageStopsItWithWhatWasSettledAndTheRestNeverHandedOver() {
        server.limitingRecipientsPerTransaction(1).droppingBeforeAnsweringDataFrom(2);
        DeliveryReport report;
        try (Relay relay = relay()) {
            report = relay.send(message(relay, 1), FIVE, new RecordingJournal());
        }
        assertThat(report.stopped()).as("the relay seems gone").isNotNull();
        assertThat(report.stopped().mayHaveLeft()).isTrue();
        assertThat(report.outcome("a@example.org")).isInstanceOf(RecipientOutcome.Accepted.class);
        assertThat(report.outcome("b@example.org")).isInstanceOf(RecipientOutcome.InDoubt.class);
        assertThat(report.outcome("c@example.org")).isInstanceOf(RecipientOutcome.InDoubt.class);
        assertThat(report.outcomes()).as("d and e were never handed over").doesNotContainKeys("d@example.org", "e@example.org");
        assertThat(server.acceptedRecipients()).containsExactly("a@example.org", "b@example.org", "c@example.org");
    }

    @Test
    void aWholeMessageInOneTransactionWhoseAnswerIsLostStillFailsAsAWhole() {
        server.droppingBeforeAnsweringDataOfMessage(1);
        RecordingJournal journal = new RecordingJournal();
        try (Relay relay = relay()) {
            assertThatThrownBy(() -> relay.send(message(relay, 1), FIVE, journal))
                    .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.mayHaveLeft()).isTrue());
        }
        assertThat(journal.said).containsExactly("lost " + FIVE);
    }
}
