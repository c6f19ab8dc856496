package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audit.DeliveryStatus;
import bulletin.audit.Ledger;
import bulletin.audit.StagedRow;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Freezes the audience: every input row lands in the ledger, as PENDING or with its rejection. */
class StagingWriter implements ItemWriter<AudienceEntry>, StepExecutionListener {

    private final Ledger ledger;
    private long runId;

    StagingWriter(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    public void write(Chunk<? extends AudienceEntry> chunk) {
        List<StagedRow> rows = new ArrayList<>(chunk.size());
        for (AudienceEntry entry : chunk) {
            String source = entry.source().toString();
            if (entry instanceof AudienceEntry.Accepted accepted) {
                rows.add(StagedRow.pending(accepted.recipient().address(), accepted.recipient().key(),
                        accepted.recipient().displayName(), source, entry.line()));
            } else if (entry instanceof AudienceEntry.Invalid invalid) {
                rows.add(StagedRow.rejected(invalid.text(), invalid.displayName(), source, entry.line(),
                        DeliveryStatus.INVALID, invalid.reason()));
            }
        }
        ledger.stage(runId, rows);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus().isUnsuccessful()) {
            return null;
        }
        ledger.markStaged(runId);
        return null;
    }
}
