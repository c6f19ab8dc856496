package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audience.AddressKeys;
import bulletin.ledger.LedgerFeedback;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Mailjet's list of messages says of each in-doubt recipient: received, never received, or not yet known. */
class InDoubtVerdictsTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration SETTLE = Duration.ofMinutes(30);

    @Test
    void aRecipientListedUnderItsOwnMessagesCustomIdWasReceivedWhateverTheCaseOfItsAddress() {
        var rows = List.of(new LedgerFeedback.InDoubt(4, "ana@example.org", 2, NOW.minusSeconds(60)));
        var listed = List.of(new MailjetApi.Message(91, "Ana@Example.ORG", "sent", false, 0, "run7-message2"));

        InDoubtVerdicts verdicts = InDoubtVerdicts.of(7, rows, listed, AddressKeys.FOLDED::of, NOW, SETTLE);

        assertThat(verdicts.received()).containsOnlyKeys(4);
        assertThat(verdicts.received().get(4)).isEqualTo("confirmed by Mailjet: its message 91 (sent) for this address");
        assertThat(verdicts.neverReceived()).isEmpty();
        assertThat(verdicts.waiting()).isZero();
    }

    @Test
    void anotherMessageOrAnotherRunsMessageForTheSameAddressConfirmsNothing() {
        var rows = List.of(new LedgerFeedback.InDoubt(4, "ana@example.org", 2, NOW.minus(Duration.ofHours(2))));
        var listed = List.of(new MailjetApi.Message(91, "ana@example.org", "sent", false, 0, "run7-message1"),
                new MailjetApi.Message(92, "ana@example.org", "sent", false, 0, "run8-message2"),
                new MailjetApi.Message(93, "bob@example.org", "sent", false, 0, "run7-message2"));

        InDoubtVerdicts verdicts = InDoubtVerdicts.of(7, rows, listed, AddressKeys.FOLDED::of, NOW, SETTLE);

        assertThat(verdicts.received()).isEmpty();
        assertThat(verdicts.neverReceived()).as("listed by no message of its own, long after").containsExactly(4);
    }

    @Test
    void aRecipientNotListedYetStaysInDoubtUntilMailjetHadTimeToListIt() {
        var rows = List.of(new LedgerFeedback.InDoubt(1, "ana@example.org", 3, NOW.minus(SETTLE).plusSeconds(1)),
                new LedgerFeedback.InDoubt(2, "bob@example.org", 3, NOW.minus(SETTLE)));

        InDoubtVerdicts verdicts = InDoubtVerdicts.of(7, rows, List.of(), AddressKeys.FOLDED::of, NOW, SETTLE);

        assertThat(verdicts.waiting()).isEqualTo(1);
        assertThat(verdicts.neverReceived()).containsExactly(2);
        assertThat(verdicts.received()).isEmpty();
    }
}
