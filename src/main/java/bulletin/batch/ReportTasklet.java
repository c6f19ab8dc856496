package bulletin.batch;

import bulletin.ledger.AuditCsvExport;
import bulletin.ledger.Ledger;
import bulletin.ledger.RunRecord;
import bulletin.campaign.Campaign;
import bulletin.campaign.Workspace;
import bulletin.send.SentCopy;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Counts the run's recipients by state and writes the audit as CSV under the reports folder; keeps
 * the campaign's copy in the mailbox's Sent folder when the job asks for one.
 */
class ReportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

    private final Ledger ledger;
    private final AuditCsvExport export;
    private final Workspace workspace;
    private final SentCopy sentCopy;

    ReportTasklet(Ledger ledger, AuditCsvExport export, Workspace workspace, SentCopy sentCopy) {
        this.ledger = ledger;
        this.export = export;
        this.workspace = workspace;
        this.sentCopy = sentCopy;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = NewsletterJob.runIdOf(jobExecution);
        RunRecord run = ledger.findRun(runId).orElseThrow();
        Path file = reportFile(workspace, run, jobExecution.getId());
        // The export counts its rows: a separate count would be one more pass over a large ledger.
        long recipients = export.write(runId, file);
        log.info("Run {} ({} {}): {} recipients; audit written to {}", runId, run.campaign(), run.period(),
                recipients, file);
        sentCopy.keep(run, jobExecution.getId()).ifPresent(result -> log.info("Run {}: Sent copy {}", runId, result));
        return RepeatStatus.FINISHED;
    }

    static Path reportFile(Workspace workspace, RunRecord run, long executionId) {
        return workspace.reports().resolve(Campaign.fileName(run.campaign()) + "-" + run.period()
                + "-run" + run.runId() + "-exec" + executionId + ".csv");
    }
}
