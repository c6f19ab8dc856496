package bulletin.batch;

import bulletin.problem.Causes;
import bulletin.text.Sentence;
import bulletin.text.Spoken;
import bulletin.text.SpokenException;
import bulletin.text.Words;
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
    private final Words words;

    FailureReason(JobRepository jobRepository, Words words) {
        this.jobRepository = jobRepository;
        this.words = words;
    }

    @Override
    public void afterJob(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (execution.getStatus() != BatchStatus.FAILED || failures.isEmpty()) {
            return;
        }
        Throwable said = said(failures.get(0));
        if (said.getMessage() != null) {
            execution.getExecutionContext().putString(NewsletterJob.FAILURE_REASON, Causes.firstLine(said.getMessage()));
            // The same in the association's language, for the report page (its record stays in English).
            execution.getExecutionContext().putString(NewsletterJob.FAILURE_REASON_SAID,
                    Causes.firstLine(said instanceof Spoken spoken ? spoken.sentence().in(words) : said.getMessage()));
            execution.getExecutionContext().putString(NewsletterJob.REASON_LANGUAGE, words.locale().getLanguage());
            jobRepository.updateExecutionContext(execution); // the job's own last update leaves the context out
        }
    }

    /**
     * What the operator reads of a failure: Bulletin's own exception in its chain (its message is
     * written for the operator), else the database's words ({@link DatabaseFailure}), else the
     * failure itself.
     */
    static Throwable said(Throwable failure) {
        Throwable ours = Causes.firstOurs(failure);
        if (ours != null) {
            return ours;
        }
        DatabaseFailure database = DatabaseFailure.in(failure);
        return database != null ? database : failure;
    }

    /** A run's failure said in the database's own words ({@link Causes#databaseSays}). */
    static final class DatabaseFailure extends SpokenException {

        private DatabaseFailure(String says, Throwable failure) {
            super(Sentence.of("failure.database", says), failure);
        }

        /** The database's words in {@code failure}'s chain, or null when it holds none. */
        static DatabaseFailure in(Throwable failure) {
            String says = Causes.databaseSays(failure);
            return says == null ? null : new DatabaseFailure(says, failure);
        }
    }
}
