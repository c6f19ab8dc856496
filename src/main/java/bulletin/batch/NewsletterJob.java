package bulletin.batch;

import bulletin.campaign.Campaign;
import java.time.YearMonth;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job's names and parameters, shared by its wiring and its launcher: the one place that
 * writes and reads them. A newsletter run is its job instance; a resend job (which re-opens
 * recipients of a run that already completed) names the run in its parameters.
 */
final class NewsletterJob {

    static final String NAME = "newsletter";
    static final String RESEND = "resend";

    /** Identifying: with the period, names the run (the job instance). */
    static final String CAMPAIGN = "campaign";
    /** Identifying: {@code YYYY-MM}. */
    static final String PERIOD = "period";
    /**
     * Identifying, only on a run that follows abandoned ones for the same period ({@code send --new-run}):
     * 2 for the second run of the period, and so on. The first run has none, as it always had.
     */
    static final String TAKE = "take";
    /** Not identifying: where the job file is, read again by steps that (re)start. */
    static final String JOB_FILE = "jobFile";
    /** Where the send step says why it stopped (the operator, a spent budget), in the job's execution context. */
    static final String STOP_REASON = "bulletin.stopReason";
    /** The stop reason in {@code bulletin.locale}'s language, for the summary and the report. */
    static final String STOP_REASON_SAID = "bulletin.stopReasonSaid";
    /** The failure's sentence in {@code bulletin.locale}'s language, for the report. */
    static final String FAILURE_REASON_SAID = "bulletin.failureReasonSaid";
    /** The language the SAID reasons are in ("fr"), for the report page to mark them. */
    static final String REASON_LANGUAGE = "bulletin.reasonLanguage";
    /** Why an attempt failed, in one sentence (see {@link FailureReason}). */
    static final String FAILURE_REASON = "bulletin.failureReason";
    /** When a run stopped on its relay's budget may go on (epoch milliseconds), in the job's execution context. */
    static final String RESUME_AT = "bulletin.resumeAt";
    /**
     * The run's rows per state as the report step counted them while it wrote the audit
     * ({@link bulletin.ledger.StatusCounts#text}), for this attempt only ({@link #putForThisAttempt}):
     * the attempt's result reads them instead of counting a large ledger once more.
     */
    static final String REPORTED_COUNTS = "bulletin.reportedCounts";
    /**
     * Where this attempt's send step began to read the run (the seq it read above; 0: from the
     * start), for this attempt only: its audit lists the rows from there ({@link ReportTasklet}).
     */
    static final String READ_ABOVE = "bulletin.readAbove";
    /** How many rows the staging left PENDING, for this attempt only: the send step's first line and progress. */
    static final String STAGED_PENDING = "bulletin.stagedPending";
    /** The parameter of a resend job that names the run it works on. */
    static final String RUN = "run";

    private NewsletterJob() {
    }

    static JobParameters parameters(Campaign campaign, YearMonth period, int take) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(CAMPAIGN, campaign.name(), true)
                .addString(PERIOD, period.toString(), true)
                .addString(JOB_FILE, campaign.file().toString(), false);
        if (take > 1) {
            builder.addLong(TAKE, (long) take, true);
        }
        return builder.toJobParameters();
    }

    /** A new resend job instance for the run: each resend is its own instance. */
    static JobParameters resendParameters(long runId) {
        return new JobParametersBuilder()
                .addLong(RUN, runId, true)
                .addLong(RESEND, System.currentTimeMillis(), true)
                .toJobParameters();
    }

    /** The run a job execution works on. */
    static long runIdOf(JobExecution execution) {
        Long named = execution.getJobParameters().getLong(RUN);
        return named != null ? named : execution.getJobInstance().getInstanceId();
    }

    /**
     * Whether the run's last attempt is marked running (or unknown): by a live process when another
     * holds the run's lock, else by one that died. The one place that tells.
     */
    static boolean leftRunning(JobExecution last) {
        return last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN;
    }

    /**
     * Puts what only this attempt may read in the job's execution context: a restart starts with
     * the context of the attempt before (Spring Batch carries it over), so the value is marked
     * with the attempt's id.
     */
    static void putForThisAttempt(JobExecution execution, String key, String value) {
        execution.getExecutionContext().putString(key, execution.getId() + ":" + value);
    }

    /** What this attempt put under {@code key}; empty when nothing, or another attempt's. */
    static Optional<String> ofThisAttempt(JobExecution execution, String key) {
        String mark = execution.getId() + ":";
        var context = execution.getExecutionContext();
        return context.containsKey(key) && context.getString(key).startsWith(mark)
                ? Optional.of(context.getString(key).substring(mark.length())) : Optional.empty();
    }

    static String campaignOf(JobExecution execution) {
        return execution.getJobParameters().getString(CAMPAIGN);
    }

    static String periodOf(JobExecution execution) {
        return execution.getJobParameters().getString(PERIOD);
    }
}
