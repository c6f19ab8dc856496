package bulletin.batch;

import bulletin.send.Round;
import bulletin.send.RoundReader;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * The send step's reader: the run's rounds from {@link RoundReader}. Its position is the ledger
 * itself (what is still PENDING), so it keeps no state in the step's execution context; where it
 * began is the attempt's ({@link NewsletterJob#READ_ABOVE}), for its audit.
 */
class RoundItemReader implements ItemReader<Round>, StepExecutionListener {

    private final RoundReader rounds;

    RoundItemReader(RoundReader rounds) {
        this.rounds = rounds;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        rounds.open(NewsletterJob.runIdOf(stepExecution.getJobExecution()));
        NewsletterJob.putForThisAttempt(stepExecution.getJobExecution(), NewsletterJob.READ_ABOVE,
                String.valueOf(rounds.readAbove()));
    }

    @Override
    public Round read() {
        return rounds.next();
    }
}
