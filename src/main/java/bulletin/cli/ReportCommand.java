package bulletin.cli;

import bulletin.batch.RunStatuses;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.report.RunReports;
import bulletin.text.Sentence;
import bulletin.text.Words;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report RUN [--out FILE]}: the run's report page, written again from the ledger as it is now. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "report", mixinStandardHelpOptions = true)
class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", descriptionKey = "RUN")
    long runId;

    @Option(names = "--out", paramLabel = "FILE")
    Path out;

    private final RunReports reports;
    private final RunStatuses statuses;
    private final Runs runs;
    private final Workspace workspace;

    private final Words words;

    ReportCommand(RunReports reports, RunStatuses statuses, Runs runs, Workspace workspace,
                  Locality locality) {
        this.words = locality.words();
        this.reports = reports;
        this.statuses = statuses;
        this.runs = runs;
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        RunRecord run = runs.findRun(runId).orElseThrow(() -> new ParameterException(spec.commandLine(),
                Sentence.of("run.not-found", runId).in(words)));
        Path file = out != null ? out
                : workspace.runReportPage(run.campaign(), run.period(), runId);
        reports.write(run, statuses.attempts(runId), null, file);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println(words.format("report.written", runId, file));
        printer.flush();
        return ExitCodes.OK;
    }
}
