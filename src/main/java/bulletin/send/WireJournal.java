package bulletin.send;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerEntry;
import bulletin.ledger.WireTransactions;
import bulletin.relay.RecipientOutcome;
import bulletin.relay.SendJournal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One message's SMTP transactions, recorded in the ledger as its relay announces them (see
 * {@link SendJournal}). The message's first transaction, for its whole envelope, was recorded
 * with the round; this follows the ones after it.
 *
 * <p><b>Threads.</b> Written by its connection's thread while the message is sent, then read by
 * the send step's thread once the relay is done: its methods are synchronized, so the reader sees
 * every write.
 */
final class WireJournal implements SendJournal {

    private final WireTransactions transactions;
    private final long runId;
    private final long executionId;
    private final int messageNo;
    private final Envelope envelope;
    private final Map<String, Integer> seqOf = new HashMap<>();
    private int part = 1;
    private boolean announced;
    private List<String> current;
    private final Set<Integer> lostParts = new HashSet<>();
    /** Whether the ledger marked the message's rows SENDING (any call below does; see WireTransactions). */
    private boolean markedRows;

    WireJournal(Ledger ledger, long runId, long executionId, int messageNo, Envelope envelope) {
        this.transactions = ledger.transactions();
        this.runId = runId;
        this.executionId = executionId;
        this.messageNo = messageNo;
        this.envelope = envelope;
        this.current = envelope.addresses();
        for (LedgerEntry entry : envelope.recipients()) {
            seqOf.put(entry.address(), entry.seq());
        }
    }

    @Override
    public synchronized void starting(List<String> recipients, Map<String, RecipientOutcome> outcomes) {
        // The first transaction is smaller than recorded when the relay's cap was known before it started.
        boolean reuseFirst = part == 1 && !announced && outcomes.isEmpty();
        markedRows = true;
        announced = true;
        WireTransactions.End previous = reuseFirst ? null : end(outcomes);
        if (!reuseFirst) {
            part++;
        }
        Set<String> now = new HashSet<>(recipients);
        List<Integer> held = new ArrayList<>();
        List<Ledger.Outcome> settled = new ArrayList<>();
        for (String address : envelope.addresses()) {
            RecipientOutcome outcome = outcomes.get(address);
            DeliveryStatus status = outcome == null ? null : Outcomes.statusOf(outcome);
            if (status == DeliveryStatus.SENT || status == DeliveryStatus.REFUSED) {
                settled.add(new Ledger.Outcome(seqOf.get(address), status, outcome.reply()));
            } else if (status != DeliveryStatus.IN_DOUBT && !now.contains(address)) {
                held.add(seqOf.get(address));
            }
        }
        transactions.starting(runId, executionId, messageNo, part, previous, seqs(recipients), held, settled);
        current = List.copyOf(recipients);
    }

    @Override
    public synchronized void bodyFollows(List<String> accepted) {
        markedRows = true;
        Set<String> taken = new HashSet<>(accepted);
        List<Integer> held = current.stream().filter(address -> !taken.contains(address)).map(seqOf::get).toList();
        transactions.narrowed(runId, messageNo, part, seqs(accepted), held);
        current = List.copyOf(accepted);
    }

    @Override
    public synchronized void lost(List<String> recipients, String what) {
        markedRows = true;
        Set<String> sent = new HashSet<>(recipients);
        transactions.lost(runId, messageNo, part, current.stream().filter(sent::contains).map(seqOf::get).toList(), what);
        lostParts.add(part);
    }

    /** Whether the message's rows were marked SENDING on the way: its answers are recorded by its number. */
    synchronized boolean markedRows() {
        return markedRows;
    }

    /** How the transaction under way ended, from what the relay said to its recipients. */
    synchronized WireTransactions.End end(Map<String, RecipientOutcome> outcomes) {
        if (lostParts.contains(part)) {
            return new WireTransactions.End(part, WireTransactions.State.LOST, null);
        }
        String firstReply = null;
        for (String address : current) {
            RecipientOutcome outcome = outcomes.get(address);
            if (outcome instanceof RecipientOutcome.Accepted) {
                return new WireTransactions.End(part, WireTransactions.State.ANSWERED, outcome.reply());
            }
            if (firstReply == null && outcome != null) {
                firstReply = outcome.reply();
            }
        }
        return new WireTransactions.End(part, WireTransactions.State.UNSENT, firstReply);
    }

    private List<Integer> seqs(List<String> addresses) {
        return addresses.stream().map(seqOf::get).toList();
    }
}
