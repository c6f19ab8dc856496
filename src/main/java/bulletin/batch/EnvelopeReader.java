package bulletin.batch;

import bulletin.audit.Ledger;
import bulletin.audit.LedgerEntry;
import bulletin.audit.RunRecord;
import bulletin.relay.RelayFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Reads the run's PENDING recipients in staging order, one round at a time: one envelope (a
 * chunk of the run's chunk size) for each connection to the relay. Its position is the ledger itself: a restart reads what is still
 * PENDING, so it keeps no state of its own in the step's execution context.
 */
class EnvelopeReader implements ItemReader<Round>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeReader.class);

    private final Ledger ledger;
    private final RelayFactory relays;
    private long runId;
    private int chunkSize;
    private int connections;
    private int lastSeq;

    EnvelopeReader(Ledger ledger, RelayFactory relays) {
        this.ledger = ledger;
        this.relays = relays;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = Runs.idOf(stepExecution.getJobExecution());
        RunRecord run = ledger.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        chunkSize = run.chunkSize();
        connections = relays.connections(run.relay());
        // Rows left in SENDING were handed to the relay by an execution that died before it
        // recorded the answer: nobody knows whether they left, so they are not sent again.
        int inDoubt = ledger.markInDoubt(runId);
        if (inDoubt > 0) {
            log.warn("{} recipients of run {} are IN_DOUBT: their message was handed to the relay when the previous "
                    + "attempt stopped. They are not sent again.", inDoubt, runId);
        }
    }

    /** The next envelopes, one per connection (fewer at the end). */
    @Override
    public Round read() {
        List<LedgerEntry> next = ledger.pending(runId, lastSeq, chunkSize * connections);
        if (next.isEmpty()) {
            return null;
        }
        lastSeq = next.get(next.size() - 1).seq();
        List<Envelope> envelopes = new java.util.ArrayList<>();
        for (int from = 0; from < next.size(); from += chunkSize) {
            envelopes.add(new Envelope(next.subList(from, Math.min(next.size(), from + chunkSize))));
        }
        return new Round(envelopes);
    }
}
