package bulletin.report;

import bulletin.audience.SuppressionList;
import bulletin.files.OwnerOnly;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.CampaignProblems;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.RunRecord;
import bulletin.ledger.SendEvents;
import bulletin.run.RunLetters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes a run's report ({@code .html} beside its audit CSV, or where {@code report --out} says):
 * from the rows the audit export has just read, or by reading them itself.
 */
@Component
public class RunReports {

    private final Ledger ledger;
    private final SuppressionList suppressions;
    private final Locality locality;
    private final SendEvents events;
    private final CampaignProblems campaignProblems;
    private final Workspace workspace;

    RunReports(Ledger ledger, SuppressionList suppressions, Locality locality, SendEvents events,
               CampaignProblems campaignProblems, Workspace workspace) {
        this.workspace = workspace;
        this.campaignProblems = campaignProblems;
        this.ledger = ledger;
        this.events = events;
        this.suppressions = suppressions;
        this.locality = locality;
    }

    /** A collector to hand to the audit export, so that the report needs no pass of its own. */
    public RunReportCollector collector() {
        return new RunReportCollector();
    }

    /** The report of a run (as the caller read it) whose rows {@code rows} has seen, its audit file listing the rows above {@code auditAbove} (0: all). */
    public void write(RunRecord run, List<RunReport.Attempt> attempts, RunReportCollector rows, String auditFile, int auditAbove,
                      Path file) {
        long runId = run.runId();
        Map<String, Long> feedback = new LinkedHashMap<>();
        suppressions.fromRun(runId).forEach((reason, count) -> feedback.put(reason.name(), count));
        RunReport report = new RunReport(run, rows.counts(), attempts, rows.perMinute(), events.ofRun(runId), rows.problems(),
                rows.leftOut(), feedback, campaignProblems.ofRun(runId), auditFile, example(run), auditAbove);
        String html = new ReportPage(locality.timeZone(), locality.locale()).render(report, Instant.now());
        try {
            OwnerOnly.replaceString(file, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The letter the report shows, its own images inline: a Bcc run's one message; a personal run
     * has none, so the letter as its first recipient got it (sent to, else still to send), rendered
     * again from the frozen templates.
     */
    private RunLetters.Example example(RunRecord run) {
        if (run.content() == null) {
            return null;
        }
        RunLetters letters = new RunLetters(run, workspace.templates());
        if (!letters.personal()) {
            return letters.shown();
        }
        return ledger.firstIn(run.runId(), DeliveryStatus.SENT).or(() -> ledger.firstIn(run.runId(), DeliveryStatus.PENDING))
                .map(letters::example).orElse(null);
    }

    /** The same, reading the run's rows now: {@code bulletin report RUN}. */
    public void write(RunRecord run, List<RunReport.Attempt> attempts, String auditFile, Path file) {
        RunReportCollector rows = collector();
        ledger.forEachRow(run.runId(), rows);
        write(run, attempts, rows, auditFile, 0, file);
    }
}
