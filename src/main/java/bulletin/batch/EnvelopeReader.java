package bulletin.batch;

import bulletin.audit.Ledger;
import bulletin.audit.LedgerEntry;
import bulletin.audit.RunRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Reads the run's PENDING recipients in staging order, one envelope (a chunk of the run's
 * chunk size) at a time. Its position is the ledger itself: a restart reads what is still
 * PENDING, so it keeps no state of its own in the step's execution context.
 */
class EnvelopeReader implements ItemReader<Envelope>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeReader.class);

    private final Ledger ledger;
    private long runId;
    private int chunkSize;
    private int lastSeq;

    EnvelopeReader(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        RunRecord run = ledger.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        chunkSize = run.chunkSize();
        // Rows left in SENDING were handed to the relay by an execution that died before it
        // recorded the answer: nobody knows whether they left, so they are not sent again.
        int inDoubt = ledger.markInDoubt(runId);
        if (inDoubt > 0) {
            log.warn("{} recipients of run {} are IN_DOUBT: their message was handed to the relay when the previous "
                    + "attempt stopped. They are not sent again.", inDoubt, runId);
        }
    }

    @Override
    public Envelope read() {
        List<LedgerEntry> next = ledger.pending(runId, lastSeq, chunkSize);
        if (next.isEmpty()) {
            return null;
        }
        lastSeq = next.get(next.size() - 1).seq();
        return new Envelope(next);
    }
}
