package bulletin.cli;

import bulletin.batch.NewsletterLauncher;
import bulletin.batch.RunResult;
import bulletin.campaign.Locality;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code send JOB.yml [--period YYYY-MM]}: sends a campaign for a month, or resumes it. */
@Component
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a campaign for a period, or resume the period's failed run.")
class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yml", description = "The job file, e.g. jobs/monthly.yml.")
    Path jobFile;

    @Option(names = "--period", paramLabel = "YYYY-MM",
            description = "The month this run is for (default: the current month in bulletin.time-zone).")
    String period;

    private final NewsletterLauncher launcher;
    private final Locality locality;

    SendCommand(NewsletterLauncher launcher, Locality locality) {
        this.launcher = launcher;
        this.locality = locality;
    }

    @Override
    public Integer call() {
        YearMonth month = parsePeriod();
        RunResult result = launcher.send(jobFile, month);
        PrintWriter out = spec.commandLine().getOut();
        new RunSummaryPrinter(out).print(result);
        out.flush();
        return exitCode(result);
    }

    private YearMonth parsePeriod() {
        if (period == null) {
            return locality.currentPeriod();
        }
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--period is a month as YYYY-MM (e.g. 2026-11), not '"
                    + period + "'");
        }
    }

    static int exitCode(RunResult result) {
        return switch (result.outcome()) {
            case ALREADY_COMPLETED -> ExitCodes.OK;
            case COMPLETED -> result.counts().allSent() ? ExitCodes.OK : ExitCodes.SOME_NOT_SENT;
            case STOPPED -> ExitCodes.STOPPED;
            case ABANDONED -> ExitCodes.BAD_INPUT;
            case FAILED -> result.problemIsInput() ? ExitCodes.BAD_INPUT : ExitCodes.RUN_FAILED;
        };
    }
}
