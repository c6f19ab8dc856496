package bulletin.send;

import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerEntry;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.relay.RelayFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a run's PENDING recipients in staging order, one round at a time: one envelope of the
 * run's envelope size for each connection to the relay. Its position is the ledger itself: a
 * restart reads what is still PENDING, above the rows earlier attempts sent whole
 * ({@link Ledger#firstToRead}), so it keeps no state of its own.
 */
public final class RoundReader {


    private final Ledger ledger;
    private final Runs runs;
    private final RelayFactory relays;
    private long runId;
    private int envelopeSize;
    private int connections;
    private int lastSeq;
    private int readAbove;
    /** Rows read and not yet handed out: the ledger is read for several rounds at once. */
    private final Deque<LedgerEntry> ahead = new ArrayDeque<>();
    private static final int ROUNDS_PER_READ = 20;

    public RoundReader(Ledger ledger, Runs runs, RelayFactory relays) {
        this.ledger = ledger;
        this.runs = runs;
        this.relays = relays;
    }

    /**
     * Before the first round of an attempt. Messages left on the wire were handed to the relay by
     * an attempt that died before it recorded the answer: their recipients become IN_DOUBT and are
     * not read ({@link LeftOnTheWire}; the launcher usually did it already, as it recovered the run).
     */
    public void open(long runId) {
        this.runId = runId;
        ahead.clear();
        RunRecord run = runs.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        envelopeSize = run.envelopeSize();
        connections = relays.connections(run.relay());
        LeftOnTheWire.putInDoubt(ledger, runId);
        // Above what earlier attempts sent whole (their rows stay PENDING under their message's answer).
        lastSeq = ledger.firstToRead(runId);
        readAbove = lastSeq;
    }

    /** The seq this attempt began to read above (0: the run from its start): rows up to it are earlier attempts'. */
    public int readAbove() {
        return readAbove;
    }

    /** The next envelopes, one per connection (fewer at the end), or null when none is PENDING. */
    public Round next() {
        if (ahead.isEmpty()) {
            List<LedgerEntry> page = ledger.pending(runId, lastSeq, envelopeSize * connections * ROUNDS_PER_READ);
            if (page.isEmpty()) {
                return null;
            }
            lastSeq = page.get(page.size() - 1).seq();
            ahead.addAll(page);
        }
        List<LedgerEntry> next = new ArrayList<>();
        while (next.size() < envelopeSize * connections && !ahead.isEmpty()) {
            next.add(ahead.poll());
        }
        List<Envelope> envelopes = new ArrayList<>();
        for (int from = 0; from < next.size(); from += envelopeSize) {
            envelopes.add(new Envelope(next.subList(from, Math.min(next.size(), from + envelopeSize))));
        }
        return new Round(envelopes);
    }
}
