package bulletin.batch;

import bulletin.campaign.AudienceSources;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.feedback.MailjetFeedback;
import bulletin.home.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.ledger.StatusCounts;
import bulletin.notify.Notifier;
import bulletin.problem.Causes;
import bulletin.relay.RelayConfigurationException;
import bulletin.relay.RelayFactory;
import bulletin.relay.RoutingSettings;
import bulletin.run.RunLocks;
import bulletin.run.RunNotFoundException;
import bulletin.run.RunResult;
import bulletin.send.LeftOnTheWire;
import bulletin.text.Sentence;
import bulletin.text.Spoken;
import bulletin.text.TerminalWords;
import bulletin.yaml.YamlFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Launches the newsletter job for a campaign and a period. Launching a period that failed or
 * stopped resumes it; one that completed sends nothing and says so; one left STARTED by a
 * process that died is recovered first. Only names and paths go into the job parameters:
 * never a credential (Spring Batch stores parameters in the database).
 */
@Service
public class NewsletterLauncher {

    private static final Logger log = LoggerFactory.getLogger(NewsletterLauncher.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job newsletterJob;
    private final Job resendJob;
    private final CampaignLoader loader;
    private final RelayFactory relays;
    private final Ledger ledger;
    private final Runs runs;
    private final Workspace workspace;
    private final RunLocks locks;
    private final AudienceSources sources;
    private final RunStatuses statuses;
    private final MailjetFeedback mailjet;
    private final Notifier notifier;

    NewsletterLauncher(JobOperator jobOperator, JobRepository jobRepository, Job newsletterJob, Job resendJob,
                       CampaignLoader loader, RelayFactory relays, Ledger ledger, Runs runs, Workspace workspace, RunLocks locks,
                       AudienceSources sources, RunStatuses statuses, MailjetFeedback mailjet, Notifier notifier) {
        this.notifier = notifier;
        this.sources = sources;
        this.mailjet = mailjet;
        this.statuses = statuses;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.newsletterJob = newsletterJob;
        this.resendJob = resendJob;
        this.loader = loader;
        this.relays = relays;
        this.ledger = ledger;
        this.runs = runs;
        this.workspace = workspace;
        this.locks = locks;
    }

    /**
     * Sends (or resumes) a campaign for a period.
     *
     * @throws YamlFileException       the job file cannot be used as written
     * @throws RelayConfigurationException its relay is not defined or cannot work
     * @throws RunInProgressException  another process is sending it right now
     */
    public RunResult send(Path jobFile, YearMonth period) {
        return send(jobFile, period, false);
    }

    /**
     * The same; with {@code newRun}, a period whose run was abandoned gets a new run, which never
     * mails anyone an abandoned run of the period sent (or may have sent).
     */
    public RunResult send(Path jobFile, YearMonth period, boolean newRun) {
        Campaign campaign = loader.load(jobFile);
        relays.check(campaign.relay());
        RunResult result;
        try (RunLocks.Held ignored = locks.acquire(campaign.name(), period.toString())) {
            result = send(campaign, period, newRun);
        }
        notifier.run(result); // the secretary hears of it, whoever started it (bulletin.notify.to)
        return result;
    }

    private RunResult send(Campaign campaign, YearMonth period, boolean newRun) {
        // The period's current run: the first one not abandoned, or a new one after the abandoned.
        int take = 1;
        JobParameters parameters = NewsletterJob.parameters(campaign, period, take);
        JobExecution last = jobRepository.getLastJobExecution(NewsletterJob.NAME, parameters);
        JobExecution abandoned = null;
        while (last != null && last.getStatus() == BatchStatus.ABANDONED) {
            abandoned = last;
            parameters = NewsletterJob.parameters(campaign, period, ++take);
            last = jobRepository.getLastJobExecution(NewsletterJob.NAME, parameters);
        }
        if (last == null && abandoned != null && !newRun) {
            return result(abandoned, RunResult.Outcome.ABANDONED);
        }
        if (last != null) {
            if (last.getStatus() == BatchStatus.COMPLETED) {
                return result(last, RunResult.Outcome.ALREADY_COMPLETED);
            }
            if (!NewsletterJob.leftRunning(last)) {
                log.info(TerminalWords.key("log.resuming"), "Resuming run {} of {} {} (last attempt {})",
                        last.getJobInstance().getInstanceId(), campaign.name(), period, last.getStatus());
            }
            recoverLeftRunning(last.getJobInstance().getInstanceId(), last);
        }
        if (last == null) {
            // A new run: a missing file, a folder, an unknown list or an include cycle is said now,
            // before a run exists, rather than as a FAILED run the operator must then abandon.
            sources.plan(campaign);
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(newsletterJob, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start campaign " + campaign.name() + " " + period + ": "
                    + e.getMessage(), e);
        }
        return resultOfAttempt(execution);
    }

    /**
     * Resumes a run by its id: a failed, stopped or crashed run goes on where it stopped. The
     * operator may re-open recipients first: FAILED ones, and IN_DOUBT ones (whose message may
     * already have arrived: only safe where the relay deduplicates, as Mailjet does). A run that
     * already completed sends the re-opened recipients in a resend job of its own.
     *
     * @throws RunNotFoundException when there is no such run
     * @throws RunInProgressException another process is sending it right now
     */
    public RunResult restart(long runId, boolean resendFailed, boolean resendInDoubt) {
        JobExecution last = statuses.lastExecution(runId);
        RunResult result;
        try (RunLocks.Held ignored = lock(last)) {
            result = restart(runId, last, resendFailed, resendInDoubt);
        }
        notifier.run(result);
        return result;
    }

    private RunResult restart(long runId, JobExecution last, boolean resendFailed, boolean resendInDoubt) {
        if (last.getStatus() == BatchStatus.ABANDONED) {
            return result(last, RunResult.Outcome.ABANDONED);
        }
        last = recoverLeftRunning(runId, last);
        // Through Mailjet the relay itself says which in-doubt messages it received: those are
        // SENT, those it never received PENDING again; only what it cannot tell stays in doubt.
        int reopened = runs.findRun(runId).map(this::askMailjet).orElse(0);
        reopened += ledger.reopen(runId, resendFailed, resendInDoubt);
        if (reopened > 0) {
            log.info(TerminalWords.key("log.reopened"), "Run {}: {} recipients re-opened to be sent again", runId, reopened);
        }
        JobExecution execution;
        try {
            if (last.getStatus() != BatchStatus.COMPLETED) {
                execution = jobOperator.restart(last);
            } else if (reopened == 0) {
                return result(last, RunResult.Outcome.ALREADY_COMPLETED);
            } else {
                execution = jobOperator.start(resendJob, NewsletterJob.resendParameters(runId));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart run " + runId + ": " + e.getMessage(), e);
        }
        return resultOfAttempt(execution);
    }

    private int askMailjet(RunRecord run) {
        MailjetFeedback.Settled settled = mailjet.settleInDoubt(run);
        Sentence sentence = settled.sentence(run.runId(), true);
        if (sentence != null && settled.problem() != null) {
            log.warn(TerminalWords.key("log.sentence"), "{}", sentence);
        } else if (sentence != null) {
            log.info(TerminalWords.key("log.sentence"), "{}", sentence);
        }
        return settled.reopenedForSending();
    }

    /**
     * With the run's lock held: an attempt left running was left by a process that died. It is
     * marked failed so that the run can be resumed or abandoned, and the messages it left on the
     * wire make their recipients IN_DOUBT (as the next attempt's reader would). Returns the attempt
     * as it now stands.
     */
    private JobExecution recoverLeftRunning(long runId, JobExecution last) {
        if (NewsletterJob.leftRunning(last)) {
            log.warn(TerminalWords.key("log.recovering"), "Run {} was left {} by a process that stopped; recovering it", runId,
                    last.getStatus());
            last = jobOperator.recover(last);
        }
        LeftOnTheWire.putInDoubt(ledger, runId);
        return last;
    }

    /**
     * Gives a run up: it will not be resumed; its recipients keep the states they have, but those
     * of a message an attempt that died left on the wire become IN_DOUBT, as a restart would make them.
     */
    public RunResult abandon(long runId) {
        JobExecution last = statuses.lastExecution(runId);
        try (RunLocks.Held ignored = lock(last)) {
            return abandon(runId, last);
        }
    }

    private RunResult abandon(long runId, JobExecution last) {
        last = recoverLeftRunning(runId, last);
        if (last.getStatus() == BatchStatus.COMPLETED) {
            return result(last, RunResult.Outcome.ALREADY_COMPLETED);
        }
        try {
            return result(jobOperator.abandon(last), RunResult.Outcome.ABANDONED);
        } catch (Exception e) {
            throw new IllegalStateException("cannot abandon run " + runId + ": " + e.getMessage(), e);
        }
    }

    private RunLocks.Held lock(JobExecution last) {
        return locks.acquire(NewsletterJob.campaignOf(last), NewsletterJob.periodOf(last));
    }

    /**
     * The result of an attempt this command just ran: counted by its report step as it wrote the
     * audit, when it got that far (a count of a million-row ledger takes seconds), else counted now.
     */
    private RunResult resultOfAttempt(JobExecution execution) {
        StatusCounts counts = NewsletterJob.ofThisAttempt(execution, NewsletterJob.REPORTED_COUNTS).map(StatusCounts::parse)
                .orElseGet(() -> ledger.counts(NewsletterJob.runIdOf(execution)));
        return result(execution, outcomeOf(execution.getStatus()), counts);
    }

    private RunResult result(JobExecution execution, RunResult.Outcome outcome) {
        return result(execution, outcome, ledger.counts(NewsletterJob.runIdOf(execution)));
    }

    private RunResult result(JobExecution execution, RunResult.Outcome outcome, StatusCounts counts) {
        long runId = NewsletterJob.runIdOf(execution);
        List<Throwable> failures = execution.getAllFailureExceptions();
        Throwable cause = failures.isEmpty() ? null : FailureReason.said(failures.get(0));
        String problem = outcome == RunResult.Outcome.FAILED
                ? (cause == null ? execution.getExitStatus().getExitDescription() : cause.getMessage()) : null;
        boolean input = cause != null && Causes.isUserError(cause) && counts.get(DeliveryStatus.SENT) == 0;
        Optional<RunRecord> run = runs.findRun(runId);
        String audit = run
                .map(r -> ReportTasklet.auditFile(workspace, r, execution.getId()))
                .filter(Files::exists)
                .map(Path::toString)
                .orElse(null);
        Sentence relay = run.map(r -> r.relayReason() == null ? Sentence.of("text", r.relay())
                : Sentence.of("summary.relay-why", r.relay(), RoutingSettings.said(r.relayReason()))).orElse(null);
        if (outcome == RunResult.Outcome.STOPPED && problem == null) {
            problem = execution.getExecutionContext().containsKey(NewsletterJob.STOP_REASON)
                    ? execution.getExecutionContext().getString(NewsletterJob.STOP_REASON) : "stopped";
        }
        // A resend's execution has no job file of its own: the run's record has it.
        String jobFile = run.map(RunRecord::jobFile)
                .orElseGet(() -> execution.getJobParameters().getString(NewsletterJob.JOB_FILE));
        return new RunResult(runId, execution.getId(),
                run.map(RunRecord::campaign).orElse(execution.getJobParameters().getString(NewsletterJob.CAMPAIGN)),
                run.map(RunRecord::period).orElse(execution.getJobParameters().getString(NewsletterJob.PERIOD)),
                outcome, counts, problem, input, audit, relay,
                jobFile == null ? null : workspace.shown(jobFile),
                outcome == RunResult.Outcome.STOPPED && execution.getExecutionContext().containsKey(NewsletterJob.RESUME_AT)
                        ? Instant.ofEpochMilli(execution.getExecutionContext().getLong(NewsletterJob.RESUME_AT)) : null,
                runs.sentCopy(runId).orElse(null), statuses.feedbackOf(runId),
                problem == null ? null : cause instanceof Spoken spoken && outcome == RunResult.Outcome.FAILED
                        ? spoken.sentence() : Sentence.of("text", stoppedSaid(execution, outcome, problem)),
                audit == null ? 0 : ReportTasklet.readAbove(execution));
    }

    /** A stop's reason as the attempt said it in the association's language, else as recorded. */
    private static String stoppedSaid(JobExecution execution, RunResult.Outcome outcome, String problem) {
        var context = execution.getExecutionContext();
        return outcome == RunResult.Outcome.STOPPED && context.containsKey(NewsletterJob.STOP_REASON_SAID)
                ? context.getString(NewsletterJob.STOP_REASON_SAID) : problem;
    }

    private static RunResult.Outcome outcomeOf(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> RunResult.Outcome.COMPLETED;
            case STOPPED, STOPPING -> RunResult.Outcome.STOPPED;
            case ABANDONED -> RunResult.Outcome.ABANDONED;
            default -> RunResult.Outcome.FAILED;
        };
    }
}
