package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audience.SuppressionList;
import bulletin.campaign.AudienceSources;
import bulletin.campaign.CampaignContent;
import bulletin.campaign.CampaignLoader;
import bulletin.campaign.WrittenLetters;
import bulletin.feedback.FeedbackActions;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.AuditCsvExport;
import bulletin.ledger.Ledger;
import bulletin.ledger.Runs;
import bulletin.ledger.SendEvents;
import bulletin.relay.RelayFactory;
import bulletin.report.RunReports;
import bulletin.send.LoggedProgress;
import bulletin.send.Round;
import bulletin.send.RoundReader;
import bulletin.send.SendLoop;
import bulletin.send.SendProgress;
import bulletin.send.SendSettings;
import bulletin.send.SentCopy;
import bulletin.stop.OperatorStop;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code newsletter} job: stage (freeze the audience), render (once), send (one message
 * per envelope, one round of envelopes per transaction), report. No incrementer: a run is identified by
 * campaign and period, so a month cannot be sent twice and a failed month can be resumed.
 */
@Configuration
class NewsletterJobConfiguration {

    /** Input rows staged per transaction. */
    private static final int STAGING_CHUNK = 1000;

    @Bean
    Job newsletterJob(JobRepository jobRepository, Step stageStep, Step renderStep, Step sendStep, Step reportStep,
                      Locality locality) {
        return new JobBuilder(NewsletterJob.NAME, jobRepository)
                .listener(new FailureReason(jobRepository, locality.words()))
                .start(stageStep)
                .next(renderStep)
                .next(sendStep)
                .next(reportStep)
                .build();
    }

    /**
     * Sends again, in a run that already completed, the recipients the operator re-opened
     * (FAILED, IN_DOUBT): a completed job instance cannot be restarted, so this job names the run.
     */
    @Bean
    Job resendJob(JobRepository jobRepository, Step sendStep, Step reportStep, Locality locality) {
        return new JobBuilder(NewsletterJob.RESEND, jobRepository)
                .listener(new FailureReason(jobRepository, locality.words()))
                .start(sendStep)
                .next(reportStep)
                .build();
    }

    @Bean
    Step stageStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                   AudienceItemReader audienceItemReader, StagingWriter stagingWriter) {
        return new StepBuilder("stage", jobRepository)
                .<AudienceEntry, AudienceEntry>chunk(STAGING_CHUNK)
                .transactionManager(transactionManager)
                .reader(audienceItemReader)
                .writer(stagingWriter)
                .build();
    }

    @Bean
    @StepScope
    AudienceItemReader audienceItemReader(CampaignLoader loader, RelayFactory relays, AudienceSources sources, Runs runs,
                                          @Value("#{jobParameters['" + NewsletterJob.JOB_FILE + "']}") String jobFile,
                                          @Value("#{jobParameters['" + NewsletterJob.PERIOD + "']}") String period) {
        return new AudienceItemReader(loader, relays, sources, runs, Path.of(jobFile), period);
    }

    @Bean
    @StepScope
    StagingWriter stagingWriter(Ledger ledger, Runs runs, SuppressionList suppressions, RelayFactory relays, Workspace workspace,
                                @Value("#{jobParameters['" + NewsletterJob.JOB_FILE + "']}") String jobFile) {
        // The job file as its sentence names it: relative to the home.
        return new StagingWriter(ledger, runs, suppressions, relays, workspace.fileNames().shown(Path.of(jobFile)));
    }

    @Bean
    Step renderStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RenderTasklet renderTasklet) {
        return new StepBuilder("render", jobRepository)
                .tasklet(renderTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    RenderTasklet renderTasklet(CampaignLoader loader, AudienceSources sources, CampaignContent contents, Ledger ledger, Runs runs,
                                WrittenLetters letters,
                                @Value("#{jobParameters['" + NewsletterJob.JOB_FILE + "']}") String jobFile) {
        return new RenderTasklet(loader, sources, contents, ledger, runs, letters, Path.of(jobFile));
    }

    /**
     * Rounds (an envelope per connection) by chunks: the send loop commits the ledger round by
     * round itself, so Spring Batch's own bookkeeping need not be written for every round.
     */
    static final int ROUNDS_PER_CHUNK = 20;

    @Bean
    Step sendStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                  RoundItemReader roundItemReader, RoundItemWriter roundItemWriter) {
        return new StepBuilder("send", jobRepository)
                .<Round, Round>chunk(ROUNDS_PER_CHUNK)
                .transactionManager(transactionManager)
                .reader(roundItemReader)
                .writer(roundItemWriter)
                .build();
    }

    @Bean
    @StepScope
    RoundItemReader roundItemReader(Ledger ledger, Runs runs, RelayFactory relays) {
        return new RoundItemReader(new RoundReader(ledger, runs, relays));
    }

    @Bean
    @StepScope
    RoundItemWriter roundItemWriter(Ledger ledger, Runs runs, RelayFactory relays, Workspace workspace, Locality locality,
                                    SendSettings settings, ObjectProvider<SendProgress> progress, OperatorStop operatorStop,
                                    FeedbackActions feedback, SendEvents events) {
        return new RoundItemWriter(new SendLoop(ledger, runs, relays, workspace, locality, settings,
                progress.getIfAvailable(() -> new LoggedProgress(Duration.ofSeconds(10))), operatorStop, feedback, events),
                locality.words());
    }

    @Bean
    Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    Runs runs, Ledger ledger, AuditCsvExport export, Workspace workspace, SentCopy sentCopy,
                    RunReports reports, WrittenLetters letters) {
        return new StepBuilder("report", jobRepository)
                .tasklet(new ReportTasklet(runs, ledger, export, workspace, sentCopy, reports, jobRepository, letters),
                        transactionManager)
                .build();
    }
}
