package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audience.AudienceException;
import bulletin.audience.Recipient;
import bulletin.audience.SeenAddresses;
import bulletin.audience.SuppressionList;
import bulletin.audit.DeliveryStatus;
import bulletin.audit.Fields;
import bulletin.audit.Ledger;
import bulletin.audit.RunRecord;
import bulletin.audit.StagedRow;
import bulletin.relay.RelayFactory;
import bulletin.relay.RoutingSettings;
import bulletin.audit.StatusCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Freezes the audience: every input row lands in the ledger, as PENDING or with its rejection
 * (INVALID from the source, SUPPRESSED from the suppression list, DUPLICATE from the ledger).
 */
class StagingWriter implements ItemWriter<AudienceEntry>, StepExecutionListener {

    private final Ledger ledger;
    private final SuppressionList suppressions;
    private final Path jobFile;
    private final RelayFactory relays;
    private long runId;
    /** The staging step starts from an empty ledger (the reader cleared it), so rows number from 1. */
    private int nextSeq = 1;
    private SeenAddresses seen;
    private Map<String, Long> reachedBefore = Map.of();
    private int chunkStart;
    private List<StagedRow> chunkRows = List.of();

    StagingWriter(Ledger ledger, SuppressionList suppressions, RelayFactory relays, Path jobFile) {
        this.ledger = ledger;
        this.relays = relays;
        this.suppressions = suppressions;
        this.jobFile = jobFile;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        this.seen = new SeenAddresses(this::keyOfRow);
        var parameters = stepExecution.getJobExecution().getJobParameters();
        // A run after an abandoned one for the period: nobody that one reached is mailed again.
        this.reachedBefore = parameters.getLong(NewsletterJob.TAKE) == null ? Map.of()
                : ledger.reachedByOtherRuns(parameters.getString(NewsletterJob.CAMPAIGN),
                        parameters.getString(NewsletterJob.PERIOD), runId);
    }

    @Override
    public void write(Chunk<? extends AudienceEntry> chunk) {
        Map<String, String> suppressed = suppressions.lookup(chunk.getItems().stream()
                .filter(AudienceEntry.Accepted.class::isInstance)
                .map(entry -> ((AudienceEntry.Accepted) entry).recipient().address())
                .toList());
        chunkStart = nextSeq;
        chunkRows = new ArrayList<>(chunk.size());
        for (AudienceEntry entry : chunk) {
            chunkRows.add(row(entry, suppressed, nextSeq + chunkRows.size()));
        }
        ledger.stage(runId, nextSeq, chunkRows);
        nextSeq += chunkRows.size();
        chunkRows = List.of();
    }

    private StagedRow row(AudienceEntry entry, Map<String, String> suppressed, int seq) {
        String source = entry.source().toString();
        if (entry instanceof AudienceEntry.Accepted accepted) {
            Recipient recipient = accepted.recipient();
            String reason = suppressed.get(recipient.address());
            if (reason != null) {
                return StagedRow.rejected(recipient.address(), recipient.displayName(), source, entry.line(),
                        DeliveryStatus.SUPPRESSED, reason);
            }
            Long reachedBy = reachedBefore.get(recipient.key());
            if (reachedBy != null) {
                return StagedRow.rejected(recipient.address(), recipient.displayName(), source, entry.line(),
                        DeliveryStatus.SUPPRESSED, "already mailed (or maybe) by run " + reachedBy + " of this period,"
                        + " which was abandoned");
            }
            int first = seen.firstRowOrRecord(recipient.key(), seq);
            if (first != 0) {
                return StagedRow.rejected(recipient.address(), recipient.displayName(), source, entry.line(),
                        DeliveryStatus.DUPLICATE, "same address as " + location(first));
            }
            return StagedRow.pending(recipient.address(), recipient.key(), recipient.displayName(), source,
                    entry.line(), Fields.encode(recipient.attributes()));
        }
        AudienceEntry.Invalid invalid = (AudienceEntry.Invalid) entry;
        return StagedRow.rejected(invalid.text(), invalid.displayName(), source, entry.line(), DeliveryStatus.INVALID,
                invalid.reason());
    }

    /** A row staged before: in this chunk (not yet written) or in an earlier one. */
    private String keyOfRow(int seq) {
        if (seq >= chunkStart) {
            return chunkRows.get(seq - chunkStart).key();
        }
        return ledger.row(runId, seq).map(Ledger.RowOrigin::key).orElse(null);
    }

    private String location(int seq) {
        if (seq >= chunkStart) {
            StagedRow row = chunkRows.get(seq - chunkStart);
            return row.sourceFile() + ":" + row.sourceLine();
        }
        return ledger.row(runId, seq).map(Ledger.RowOrigin::location).orElse("row " + seq);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus().isUnsuccessful()) {
            return null;
        }
        StatusCounts counts = ledger.counts(runId);
        if (counts.get(DeliveryStatus.PENDING) == 0) {
            // Every row was rejected: nothing to send is an input problem, not a success.
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(new AudienceException(jobFile, 0, "the audience is empty: none of the "
                    + counts.total() + " input rows can be sent to (" + describe(counts)
                    + "); see the audit for each row's reason"));
            return ExitStatus.FAILED;
        }
        RunRecord run = ledger.findRun(runId).orElseThrow();
        RoutingSettings.Route route = relays.route(run.relay(), counts.get(DeliveryStatus.PENDING));
        ledger.setRelay(runId, route.relay(), route.reason());
        ledger.markStaged(runId);
        return null;
    }

    private static String describe(StatusCounts counts) {
        StringBuilder text = new StringBuilder();
        counts.counts().forEach((status, n) -> {
            if (n > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(n).append(' ').append(status);
            }
        });
        return text.length() == 0 ? "no rows at all" : text.toString();
    }
}
