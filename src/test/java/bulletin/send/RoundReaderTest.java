package bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerParts;
import bulletin.ledger.Runs;
import bulletin.relay.BoundRelays;
import bulletin.relay.RelayFactory;
import bulletin.support.MemoryDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast layer's specification of the round reader, on the real ledger in memory, without Spring. */
class RoundReaderTest {

    private final MemoryDatabase database = MemoryDatabase.create();
    private final Ledger ledger = LedgerParts.ledger(database);
    private final Runs runs = LedgerParts.runs(database);
    private final RelayFactory relays = BoundRelays.plain("rec", 2525).relay("rec", "connections", 2).factory();

    private static List<List<Integer>> seqs(Round round) {
        return round.envelopes().stream().map(Envelope::seqs).toList();
    }

    @Test
    void eachRoundHasOneEnvelopeOfTheRunsSizePerConnectionInStagingOrder() {
        StagedRun.stage(ledger, runs, 1, "rec", 10, StagedRun.members(25));
        RoundReader reader = new RoundReader(ledger, runs, relays);
        reader.open(1);

        Round first = reader.next();
        Round second = reader.next();

        assertThat(seqs(first)).containsExactly(range(1, 10), range(11, 20));
        assertThat(seqs(second)).containsExactly(range(21, 25));
        assertThat(reader.next()).isNull();
        assertThat(first.envelopes().get(0).addresses()).startsWith("m1@amis.example", "m2@amis.example");
    }

    @Test
    void rowsLeftOnTheWireByADeadAttemptAreInDoubtAndNeverReadAgain() {
        StagedRun.stage(ledger, runs, 2, "rec", 2, StagedRun.members(6));
        ledger.markSending(2, 1, List.of(new Ledger.Sending(List.of(1, 2), 1, "<m1@spec>")));

        RoundReader reader = new RoundReader(ledger, runs, relays);
        reader.open(2);

        assertThat(StagedRun.count(ledger, 2, DeliveryStatus.IN_DOUBT)).isEqualTo(2);
        assertThat(StagedRun.count(ledger, 2, DeliveryStatus.SENDING)).isZero();
        List<Integer> read = new ArrayList<>();
        for (Round round = reader.next(); round != null; round = reader.next()) {
            round.envelopes().forEach(envelope -> read.addAll(envelope.seqs()));
        }
        assertThat(read).containsExactly(3, 4, 5, 6);
    }

    @Test
    void aRestartedReaderStartsFromWhatIsStillPending() {
        StagedRun.stage(ledger, runs, 3, "rec", 3, StagedRun.members(7));
        ledger.markSending(3, 1, List.of(new Ledger.Sending(List.of(1, 2, 3), 1, "<m1@spec>")));
        ledger.recordAnswers(3, 1, List.of(new Ledger.Answered(1, "<m1@spec>", List.of(
                new Ledger.Outcome(1, DeliveryStatus.SENT, "250 ok"), new Ledger.Outcome(2, DeliveryStatus.SENT, "250 ok"),
                new Ledger.Outcome(3, DeliveryStatus.SENT, "250 ok")), null, Ledger.Rows.PENDING)));

        RoundReader reader = new RoundReader(ledger, runs, relays);
        reader.open(3);

        assertThat(seqs(reader.next())).containsExactly(List.of(4, 5, 6), List.of(7));
        assertThat(reader.next()).isNull();
        assertThat(StagedRun.count(ledger, 3, DeliveryStatus.IN_DOUBT)).isZero();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> seqs = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            seqs.add(i);
        }
        return seqs;
    }
}
