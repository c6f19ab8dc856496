package bulletin.batch;

import bulletin.send.Halt;
import bulletin.send.Round;
import bulletin.send.SendLoop;
import bulletin.text.Words;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The send step's writer: each round of a chunk through {@link SendLoop}, which commits round by
 * round on its own; the chunk's transaction holds the last round's answers and Spring Batch's
 * bookkeeping. Spring Batch never retries it (that would mail a round twice). A {@link Halt} ends the step STOPPED
 * (restartable) once the round is recorded, with its reason and resume time in the job's context
 * for the summary and the scheduler.
 */
class RoundItemWriter implements ItemStreamWriter<Round>, StepExecutionListener {

    private final SendLoop loop;
    private final Words words;
    private StepExecution stepExecution;

    RoundItemWriter(SendLoop loop, Words words) {
        this.loop = loop;
        this.words = words;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
    }

    @Override
    public void open(ExecutionContext context) {
        JobExecution attempt = stepExecution.getJobExecution();
        // Staged by this attempt: its count of PENDING rows is known, no need to count them in the ledger.
        loop.open(NewsletterJob.runIdOf(attempt), attempt.getId(),
                NewsletterJob.ofThisAttempt(attempt, NewsletterJob.STAGED_PENDING).map(Long::valueOf).orElse(null));
    }

    @Override
    public void write(Chunk<? extends Round> rounds) {
        for (Round round : rounds) {
            Halt halt = loop.send(round);
            if (halt != null) {
                stopAfterThisRound(halt);
                break;
            }
        }
        // The last round's answers commit with the chunk; each earlier one committed with the round after it.
        loop.recordAnswers();
    }

    private void stopAfterThisRound(Halt halt) {
        ExecutionContext job = stepExecution.getJobExecution().getExecutionContext();
        job.putString(NewsletterJob.STOP_REASON, halt.reason());
        // Said again by the launcher's summary in the association's language; the run's record keeps the English.
        job.putString(NewsletterJob.STOP_REASON_SAID, halt.said().in(words));
        job.putString(NewsletterJob.REASON_LANGUAGE, words.locale().getLanguage());
        if (halt.resumeAt() == null) {
            job.remove(NewsletterJob.RESUME_AT); // a restart carries the context of the attempt before
        } else {
            job.putLong(NewsletterJob.RESUME_AT, halt.resumeAt().toEpochMilli());
        }
        stepExecution.setTerminateOnly();
    }

    @Override
    public void close() {
        loop.close();
    }
}
