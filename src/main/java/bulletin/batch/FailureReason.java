package bulletin.batch;

import bulletin.problem.Causes;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Keeps, in the job's context, the sentence that says why an attempt failed (Bulletin's own when
 * there is one): Spring Batch keeps only a truncated stack trace, which the run report, read
 * later in another process, could not turn back into words.
 */
class FailureReason implements JobExecutionListener {

    private final JobRepository jobRepository;

    FailureReason(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void afterJob(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (execution.getStatus() != BatchStatus.FAILED || failures.isEmpty()) {
            return;
        }
        Throwable ours = Causes.firstOurs(failures.get(0));
        Throwable said = ours != null ? ours : failures.get(0);
        if (said.getMessage() != null) {
            String line = said.getMessage().strip().lines().findFirst().orElse("");
            execution.getExecutionContext().putString(NewsletterJob.FAILURE_REASON,
                    line.length() > 500 ? line.substring(0, 500) + "…" : line);
            jobRepository.updateExecutionContext(execution); // the job's own last update leaves the context out
        }
    }
}
