package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.StatusCounts;
import bulletin.run.RunResult;
import bulletin.support.TestHome;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run's counts are not counted again in the ledger where a step already saw every row: the
 * staging counts its verdicts, the report step the rows of the audit it writes, and the attempt's
 * result is what the report counted — the same numbers as a count of the ledger.
 */
@SpringBootTest
class RunCountsTest {

    static final TestHome home = TestHome.create("counts");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    Ledger ledger;

    @Autowired
    JobRepository jobRepository;

    @Test
    void theResultIsWhatTheReportCountedAndTheLedgerHolds() {
        home.writeTemplate("letter");
        home.write("data/mixed.csv", "email\nun@amis.example\ndeux@amis.example\nnot an address\nUN@amis.example\n"
                + "trois@amis.example\n@nowhere\n");
        Path job = home.writeJob("mixed", "mixed", "data/mixed.csv", 2, "outbox", null);

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        StatusCounts expected = new StatusCounts(Map.of(DeliveryStatus.SENT, 3L, DeliveryStatus.INVALID, 2L,
                DeliveryStatus.DUPLICATE, 1L));
        assertThat(result.counts()).isEqualTo(expected);
        assertThat(ledger.counts(result.runId())).isEqualTo(expected);
        JobExecution attempt = jobRepository.getJobExecution(result.executionId());
        assertThat(NewsletterJob.ofThisAttempt(attempt, NewsletterJob.REPORTED_COUNTS).map(StatusCounts::parse))
                .contains(expected);
        assertThat(NewsletterJob.ofThisAttempt(attempt, NewsletterJob.STAGED_PENDING)).contains("3");
    }

    /** A restart starts with the context of the attempt before: what that one counted is not this one's. */
    @Test
    void anotherAttemptsCountsAreNotRead() {
        JobInstance run = new JobInstance(1L, NewsletterJob.NAME);
        JobExecution first = new JobExecution(5L, run, new JobParameters());
        NewsletterJob.putForThisAttempt(first, NewsletterJob.REPORTED_COUNTS, "SENT=10");
        JobExecution restart = new JobExecution(6L, run, new JobParameters());
        restart.setExecutionContext(new ExecutionContext(first.getExecutionContext()));

        assertThat(NewsletterJob.ofThisAttempt(first, NewsletterJob.REPORTED_COUNTS)).contains("SENT=10");
        assertThat(NewsletterJob.ofThisAttempt(restart, NewsletterJob.REPORTED_COUNTS)).isEmpty();
        assertThat(NewsletterJob.ofThisAttempt(restart, NewsletterJob.STAGED_PENDING)).isEmpty();
    }

    @Test
    void countsReadBackAsTheyWereWritten() {
        StatusCounts counts = new StatusCounts(Map.of(DeliveryStatus.SENT, 99_990L, DeliveryStatus.IN_DOUBT, 7L,
                DeliveryStatus.SUPPRESSED, 3L));

        assertThat(counts.text()).isEqualTo("SENT=99990,IN_DOUBT=7,SUPPRESSED=3");
        assertThat(StatusCounts.parse(counts.text())).isEqualTo(counts);
        assertThat(StatusCounts.parse("").total()).isZero();
    }
}
