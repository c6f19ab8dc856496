package bulletin.batch;

import bulletin.audience.SuppressionList;
import bulletin.ledger.CampaignProblems;
import bulletin.ledger.Ledger;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.ledger.StatusCounts;
import bulletin.report.RunReport;
import bulletin.run.RunLocks;
import bulletin.run.RunNotFoundException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * The runs as they stand, read from Spring Batch's job repository and the ledger: what
 * {@code status} lists, a run's attempts for its report, what came back for it. It changes nothing;
 * {@link NewsletterLauncher} changes runs.
 */
@Service
public class RunStatuses {

    private final JobRepository jobRepository;
    private final Ledger ledger;
    private final Runs runs;
    private final RunLocks locks;
    private final SuppressionList suppressions;
    private final CampaignProblems campaignProblems;

    RunStatuses(JobRepository jobRepository, Ledger ledger, Runs runs, RunLocks locks, SuppressionList suppressions,
                CampaignProblems campaignProblems) {
        this.jobRepository = jobRepository;
        this.ledger = ledger;
        this.runs = runs;
        this.locks = locks;
        this.suppressions = suppressions;
        this.campaignProblems = campaignProblems;
    }

    /**
     * One line of {@code status}: a run, how its last attempt ended, and its recipients by state.
     *
     * @param feedback         what came back since (see {@link #feedbackOf}), or null
     * @param campaignProblems members refused because of the sender or the message, per domain
     *                         ({@link CampaignProblems#summaryOf}), or null
     */
    public record RunStatus(long runId, String campaign, String period, String status, LocalDateTime start,
                            LocalDateTime end, String relay, StatusCounts counts, String feedback, String campaignProblems) {
    }

    /**
     * What the feedback loop suppressed because of this run, in words ("2 bounced, 1 unsubscribed,
     * 1 complained"), or null when nothing came back.
     */
    String feedbackOf(long runId) {
        Map<SuppressionList.Reason, Long> counts = suppressions.fromRun(runId);
        if (counts.isEmpty()) {
            return null;
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** The runs, newest first; of one campaign when it is named. */
    public List<RunStatus> runs(String campaign) {
        List<RunStatus> lines = new ArrayList<>();
        for (var instance : jobRepository.findJobInstances(NewsletterJob.NAME)) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            var run = runs.findRun(instance.getInstanceId());
            String name = run.map(RunRecord::campaign).orElse(last == null ? "?"
                    : last.getJobParameters().getString(NewsletterJob.CAMPAIGN));
            if (campaign != null && !campaign.equalsIgnoreCase(name)) {
                continue;
            }
            String status = last == null ? "?" : last.getStatus().name();
            if (last != null && NewsletterJob.leftRunning(last)) {
                // Marked running: either a process is at it, or the one that was died (restart resumes it).
                status = locks.runningBy(NewsletterJob.campaignOf(last), NewsletterJob.periodOf(last)).map(by -> "RUNNING").orElse("INTERRUPTED");
            }
            lines.add(new RunStatus(instance.getInstanceId(), name,
                    run.map(RunRecord::period).orElse(last == null ? "?" : last.getJobParameters().getString(NewsletterJob.PERIOD)),
                    status, last == null ? null : last.getStartTime(), last == null ? null : last.getEndTime(),
                    run.map(RunRecord::relay).orElse(null), ledger.counts(instance.getInstanceId()),
                    feedbackOf(instance.getInstanceId()), campaignProblems.summaryOf(instance.getInstanceId())));
        }
        lines.sort(Comparator.comparingLong(RunStatus::runId).reversed());
        return lines;
    }

    /** The run's attempts, for its report: its own executions and its resends', in order. */
    public List<RunReport.Attempt> attempts(long runId) {
        lastExecution(runId); // says when there is no such run
        return RunAttempts.of(jobRepository, runId);
    }

    /** The last execution of the run: its own, or a resend's when one came after it. */
    JobExecution lastExecution(long runId) {
        var instance = jobRepository.getJobInstance(runId);
        if (instance == null || !NewsletterJob.NAME.equals(instance.getJobName())) {
            throw new RunNotFoundException(runId);
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        if (last == null) {
            throw new RunNotFoundException(runId);
        }
        return last;
    }
}
