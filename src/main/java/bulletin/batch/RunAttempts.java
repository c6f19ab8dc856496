package bulletin.batch;

import bulletin.report.RunReport;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/** A run's attempts as its report shows them: its own job's executions and those of its resends, in order. */
final class RunAttempts {

    private RunAttempts() {
    }

    static List<RunReport.Attempt> of(JobRepository jobRepository, long runId) {
        List<JobExecution> executions = new ArrayList<>();
        JobInstance own = jobRepository.getJobInstance(runId);
        if (own != null) {
            executions.addAll(jobRepository.getJobExecutions(own));
        }
        for (JobInstance resend : jobRepository.findJobInstances(NewsletterJob.RESEND)) {
            for (JobExecution execution : jobRepository.getJobExecutions(resend)) {
                if (NewsletterJob.runIdOf(execution) == runId) {
                    executions.add(execution);
                }
            }
        }
        executions.sort(Comparator.comparing(JobExecution::getId));
        return executions.stream().map(RunAttempts::attempt).toList();
    }

    private static RunReport.Attempt attempt(JobExecution execution) {
        var context = execution.getExecutionContext();
        // In the association's language when the attempt said it so; an older record's English otherwise.
        boolean said = context.containsKey(NewsletterJob.REASON_LANGUAGE);
        String failure = said && context.containsKey(NewsletterJob.FAILURE_REASON_SAID) ? NewsletterJob.FAILURE_REASON_SAID
                : NewsletterJob.FAILURE_REASON;
        String stop = said && context.containsKey(NewsletterJob.STOP_REASON_SAID) ? NewsletterJob.STOP_REASON_SAID
                : NewsletterJob.STOP_REASON;
        String reason = context.containsKey(failure) ? context.getString(failure)
                : context.containsKey(stop) ? context.getString(stop)
                : firstLine(execution.getExitStatus().getExitDescription());
        boolean inLanguage = context.containsKey(failure) && failure.equals(NewsletterJob.FAILURE_REASON_SAID)
                || !context.containsKey(failure) && context.containsKey(stop) && stop.equals(NewsletterJob.STOP_REASON_SAID);
        return new RunReport.Attempt(execution.getId(), instant(execution.getStartTime()), instant(execution.getEndTime()),
                execution.getStatus().name(), reason,
                inLanguage ? context.getString(NewsletterJob.REASON_LANGUAGE) : "en");
    }

    /**
     * A failure's description is a stack trace, kept as text: its deepest "Caused by" (usually
     * Bulletin's own sentence) says what happened, without the exception's class name.
     */
    private static String firstLine(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        List<String> lines = description.strip().lines().toList();
        String line = lines.stream().filter(each -> each.startsWith("Caused by: ")).reduce((first, last) -> last)
                .map(cause -> cause.substring("Caused by: ".length())).orElse(lines.get(0));
        line = line.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** Spring Batch keeps this machine's local time. */
    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(ZoneId.systemDefault()).toInstant();
    }
}
