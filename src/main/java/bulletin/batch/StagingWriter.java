package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audience.AudienceException;
import bulletin.audience.AudienceRules;
import bulletin.audience.Recipient;
import bulletin.audience.SuppressionList;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Fields;
import bulletin.ledger.Ledger;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.ledger.StagedRow;
import bulletin.ledger.StatusCounts;
import bulletin.relay.RelayFactory;
import bulletin.relay.RoutingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Freezes the audience: every input row lands in the ledger, as PENDING or set aside with its
 * reason, as {@link AudienceRules} judges it (the same rules as {@code validate}). Each chunk's
 * rows are written in the background while the next chunk is judged ({@link BackgroundStaging});
 * the step ends once they all are.
 */
class StagingWriter implements ItemWriter<AudienceEntry>, StepExecutionListener {

    private final Ledger ledger;
    private final Runs runs;
    private final SuppressionList suppressions;
    private final Path jobFile;
    private final RelayFactory relays;
    private long runId;
    /** The staging step starts from an empty ledger (the reader cleared it), so rows number from 1. */
    private int nextSeq = 1;
    /** The staged rows per state, counted as they are written: a staging is never resumed, so this is all of them. */
    private final Map<DeliveryStatus, Long> staged = new EnumMap<>(DeliveryStatus.class);
    private AudienceRules rules;
    /** The rows are written one chunk behind the judging (its thread starts with the first chunk). */
    private final BackgroundStaging behind = new BackgroundStaging();

    StagingWriter(Ledger ledger, Runs runs, SuppressionList suppressions, RelayFactory relays, Path jobFile) {
        this.ledger = ledger;
        this.runs = runs;
        this.relays = relays;
        this.suppressions = suppressions;
        this.jobFile = jobFile;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        var parameters = stepExecution.getJobExecution().getJobParameters();
        // A run after an abandoned one for the period: nobody that one reached is mailed again.
        Map<String, Long> reachedBefore = parameters.getLong(NewsletterJob.TAKE) == null ? Map.of()
                : ledger.reachedByOtherRuns(parameters.getString(NewsletterJob.CAMPAIGN),
                        parameters.getString(NewsletterJob.PERIOD), runId);
        // A duplicate names its first row: that row is read back once every chunk handed over is written.
        this.rules = new AudienceRules(suppressions, reachedBefore,
                row -> stagedRow(row).map(Ledger.RowOrigin::key).orElse(null),
                row -> stagedRow(row).map(origin -> new AudienceRules.EarlierRow(origin.address(), origin.location()))
                        .orElse(new AudienceRules.EarlierRow(null, "row " + row)));
    }

    private Optional<Ledger.RowOrigin> stagedRow(int row) {
        behind.finish();
        return ledger.row(runId, row);
    }

    @Override
    public void write(Chunk<? extends AudienceEntry> chunk) {
        List<StagedRow> rows = new ArrayList<>(chunk.size());
        for (AudienceRules.Verdict verdict : rules.judge(chunk.getItems(), nextSeq)) {
            rows.add(row(verdict));
        }
        rows.forEach(row -> staged.merge(row.status(), 1L, Long::sum));
        int firstSeq = nextSeq;
        behind.handOver(() -> ledger.inOwnTransaction(() -> ledger.stage(runId, firstSeq, rows)));
        nextSeq += rows.size();
    }

    private static StagedRow row(AudienceRules.Verdict verdict) {
        AudienceEntry entry = verdict.entry();
        String source = entry.source().toString();
        if (verdict instanceof AudienceRules.Accepted accepted) {
            Recipient recipient = accepted.recipient();
            return StagedRow.pending(recipient.address(), recipient.key(), recipient.displayName(), source,
                    entry.line(), Fields.encode(recipient.attributes()));
        }
        AudienceRules.Rejected rejected = (AudienceRules.Rejected) verdict;
        DeliveryStatus status = DeliveryStatus.valueOf(rejected.kind().name());
        if (entry instanceof AudienceEntry.Accepted accepted) {
            return StagedRow.rejected(accepted.recipient().address(), accepted.recipient().displayName(), source,
                    entry.line(), status, rejected.reason());
        }
        AudienceEntry.Invalid invalid = (AudienceEntry.Invalid) entry;
        return StagedRow.rejected(invalid.text(), invalid.displayName(), source, entry.line(), status, rejected.reason());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus().isUnsuccessful()) {
            behind.close();
            return null;
        }
        try {
            behind.finish();
        } catch (RuntimeException e) {
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(e);
            return ExitStatus.FAILED;
        } finally {
            behind.close();
        }
        ledger.checkpoint();
        // Not counted again in the ledger: that walks every row of the run (seconds for a million).
        StatusCounts counts = new StatusCounts(staged);
        if (counts.get(DeliveryStatus.PENDING) == 0) {
            // Every row was rejected: nothing to send is an input problem, not a success.
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(new AudienceException(jobFile, 0, "the audience is empty: none of the "
                    + counts.total() + " input rows can be sent to (" + describe(counts)
                    + "); see the audit for each row's reason"));
            return ExitStatus.FAILED;
        }
        RunRecord run = runs.findRun(runId).orElseThrow();
        RoutingSettings.Route route = relays.route(run.relay(), counts.get(DeliveryStatus.PENDING));
        runs.setRelay(runId, route.relay(), route.reason());
        runs.markStaged(runId);
        NewsletterJob.putForThisAttempt(stepExecution.getJobExecution(), NewsletterJob.STAGED_PENDING,
                Long.toString(counts.get(DeliveryStatus.PENDING)));
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

    /**
     * Writes each chunk's staged rows on a thread of its own while the stage step reads and judges
     * the next: the database's work on a chunk (its inserts and their commit, in the helper's process)
     * and Bulletin's own (reading, checking, encoding the next rows) then overlap instead of taking
     * turns (bench/RESULTS.md, session 15). One chunk at most waits: handing over a chunk first waits
     * for the one before, and so does anything that must read what was staged ({@link #finish}).
     *
     * <p>A staging is never resumed (a new attempt clears the run's rows first), so the rows need not
     * share the step's own transaction: each chunk is committed in one of its own, by the caller's
     * {@code write}. A failure there is thrown by the next {@link #handOver} or {@link #finish}.
     *
     * <p><b>Threads.</b> Called from the stage step's thread only; the writes run on one daemon
     * thread of this object's, in the order handed over.
     */
    static final class BackgroundStaging implements AutoCloseable {

        private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, "bulletin-staging");
            writer.setDaemon(true); // a failed step leaves at most one chunk being written: nothing to wait for
            return writer;
        });
        private Future<?> last = CompletableFuture.completedFuture(null);

        /** Waits for the chunk handed over before, then starts {@code write} in the background. */
        void handOver(Runnable write) {
            finish();
            last = thread.submit(write);
        }

        /** Waits until every chunk handed over is written. @throws RuntimeException what a write threw */
        void finish() {
            try {
                last.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while staging the audience", e);
            } finally {
                last = CompletableFuture.completedFuture(null); // a failure is thrown once
            }
        }

        /** Lets the chunk being written end (its failure is not thrown again), and stops the thread. */
        @Override
        public void close() {
            try {
                finish();
            } catch (RuntimeException e) {
                // the step already failed, or finish() said it
            } finally {
                thread.shutdown();
            }
        }
    }
}
