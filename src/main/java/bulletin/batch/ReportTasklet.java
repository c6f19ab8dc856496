package bulletin.batch;

import bulletin.campaign.WrittenLetters;
import bulletin.home.Workspace;
import bulletin.ledger.AuditCsvExport;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.ledger.StatusCounts;
import bulletin.ledger.StrandedRows;
import bulletin.report.RunReport;
import bulletin.report.RunReportCollector;
import bulletin.report.RunReports;
import bulletin.send.SentCopy;
import bulletin.text.TerminalWords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Counts the run's recipients by state and writes the attempt's audit as CSV under the reports
 * folder; keeps the campaign's copy in the mailbox's Sent folder when the job asks for one. The
 * audit lists the rows the attempt read: the whole run, or for an attempt that read it from above
 * the rows earlier attempts sent (a restart), the rows from there — the rows below are told to the
 * report without being read ({@link Ledger#tellRowsThrough}), and {@code bulletin audit RUN} lists
 * the whole run. The same pass looks for a PENDING row below a sent one ({@link StrandedRows}):
 * the next attempt then reads the run from its start.
 */
class ReportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

    private final Runs runs;
    private final Ledger ledger;
    private final AuditCsvExport export;
    private final Workspace workspace;
    private final SentCopy sentCopy;
    private final RunReports reports;
    private final JobRepository jobRepository;
    private final WrittenLetters letters;

    ReportTasklet(Runs runs, Ledger ledger, AuditCsvExport export, Workspace workspace, SentCopy sentCopy, RunReports reports,
                  JobRepository jobRepository, WrittenLetters letters) {
        this.letters = letters;
        this.runs = runs;
        this.ledger = ledger;
        this.export = export;
        this.workspace = workspace;
        this.sentCopy = sentCopy;
        this.reports = reports;
        this.jobRepository = jobRepository;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = NewsletterJob.runIdOf(jobExecution);
        RunRecord run = runs.findRun(runId).orElseThrow();
        Path file = auditFile(workspace, run, jobExecution.getId());
        int readAbove = readAbove(jobExecution);
        // The export counts its rows and feeds the report: a separate pass would cost as much again on a large ledger.
        RunReportCollector rows = reports.collector();
        // Rows below where this attempt read are earlier attempts': told, not read (900,000 rows of a restart at 90 %).
        long strandedBelow = rows.tellRowsThrough(ledger, runId, readAbove);
        StrandedRows stranded = new StrandedRows();
        export.writeAbove(runId, readAbove, file, rows.andThen(stranded));
        if (stranded.found() || strandedBelow > 0) {
            log.debug("Run {}: a PENDING row lies below rows sent; the next attempt reads the run from its start", runId);
            ledger.readFromStartNextAttempt(runId);
        }
        StatusCounts counts = rows.counts();
        NewsletterJob.putForThisAttempt(jobExecution, NewsletterJob.REPORTED_COUNTS, counts.text());
        if (readAbove == 0) {
            log.info(TerminalWords.key("log.audit-written"), "Run {} ({} {}): {} recipients; audit written to {}", runId,
                    run.campaign(), run.period(), counts.total(), file);
        } else {
            log.info(TerminalWords.key("log.audit-written-above"), "Run {} ({} {}): {} recipients; audit of those from number {}"
                    + " written to {}", runId, run.campaign(), run.period(), counts.total(), readAbove + 1, file);
        }
        Path page = Workspace.reportPage(file);
        reports.write(run, attempts(runId, jobExecution), rows, workspace.shown(file.toString()), readAbove, page);
        log.info(TerminalWords.key("log.report-written"), "Run {}: report written to {}", runId, page);
        sentCopy.keep(run, jobExecution.getId()).ifPresent(result -> log.info(TerminalWords.key("log.sent-copy"), "Run {}: Sent copy {}", runId, result));
        // Counted by the export's pass (rows of a message on the wire show SENDING there, PENDING in the ledger).
        if (counts.get(DeliveryStatus.PENDING) + counts.get(DeliveryStatus.SENDING) == 0) {
            // Sent to everyone it could be: a letter written in the mailbox leaves its folder, so that the next fire finds none.
            letters.fileOf(run).ifPresent(filed -> log.info(TerminalWords.key("log.letter-filed"), "Run {}: {}", runId, filed));
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Where this attempt's send step began to read the run: its audit lists the rows above. 0 (the
     * whole run) for a first attempt, one that read the run from its start, or one whose send step
     * did not run.
     */
    static int readAbove(JobExecution attempt) {
        return NewsletterJob.ofThisAttempt(attempt, NewsletterJob.READ_ABOVE).map(Integer::parseInt).orElse(0);
    }

    /** The stop reason as this attempt said it in the association's language, else as recorded (an older run's English). */
    private static String said(JobExecution current) {
        var context = current.getExecutionContext();
        return context.containsKey(NewsletterJob.STOP_REASON_SAID) ? context.getString(NewsletterJob.STOP_REASON_SAID)
                : context.getString(NewsletterJob.STOP_REASON);
    }

    private static String saidIn(JobExecution current) {
        var context = current.getExecutionContext();
        return context.containsKey(NewsletterJob.STOP_REASON_SAID) && context.containsKey(NewsletterJob.REASON_LANGUAGE)
                ? context.getString(NewsletterJob.REASON_LANGUAGE) : null;
    }

    /**
     * The run's attempts, this one as it is about to end: its send step is over, so it completes,
     * unless the send step stopped it (a budget, the operator).
     */
    private List<RunReport.Attempt> attempts(long runId, JobExecution current) {
        List<RunReport.Attempt> attempts = new ArrayList<>(RunAttempts.of(jobRepository, runId));
        boolean stopped = current.getExecutionContext().containsKey(NewsletterJob.STOP_REASON);
        attempts.replaceAll(attempt -> attempt.executionId() != current.getId() ? attempt
                : new RunReport.Attempt(attempt.executionId(), attempt.start(), Instant.now(),
                        stopped ? "STOPPED" : "COMPLETED",
                        stopped ? said(current) : null, saidIn(current) != null ? saidIn(current) : "en"));
        return attempts;
    }

    /** Where an attempt's audit (CSV) goes; its report page is beside it ({@link Workspace#reportPage}). */
    static Path auditFile(Workspace workspace, RunRecord run, long executionId) {
        return workspace.auditFile(run.campaign(), run.period(), run.runId(), executionId);
    }
}
