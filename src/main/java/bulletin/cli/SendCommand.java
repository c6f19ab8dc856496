package bulletin.cli;

import bulletin.campaign.CampaignPreview;
import bulletin.campaign.CampaignValidator;
import bulletin.batch.NewsletterLauncher;
import bulletin.run.RunResult;
import bulletin.campaign.ValidationReport;
import bulletin.campaign.Locality;
import bulletin.campaign.Workspace;
import bulletin.stop.OperatorStop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code send JOB.yml [--period YYYY-MM]}: sends a campaign for a month, or resumes it. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a campaign for a period, or resume the period's failed run.")
class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yml", arity = "0..1", description = "The job file, e.g. jobs/monthly.yml.")
    Path jobFile;

    @ArgGroup(exclusive = false, heading = "%nA one-off campaign, instead of a job file:%n")
    OneOff oneOff;

    /** Together or not at all: picocli says which one is missing. */
    static class OneOff {
        @Option(names = "--to", paramLabel = "ADDR_LIST_OR_FILE", arity = "1..*", required = true,
                description = "Addresses (anything with an @), list nicknames or recipient files.")
        List<String> to;

        @Option(names = "--template", required = true, description = "The template's base name in the templates folder.")
        String template;

        @Option(names = "--subject", required = true, description = "The subject (a template too).")
        String subject;

        @Option(names = "--from", required = true, description = "The sender, addr or \"Name <addr>\".")
        String from;

        @Option(names = "--relay", defaultValue = "auto", description = "The relay profile (default: ${DEFAULT-VALUE}).")
        String relay;

        @Option(names = "--name", description = "The campaign name (default: oneoff-DATE-TIME).")
        String name;

        @Option(names = "--var", paramLabel = "KEY=VALUE", description = "A template variable (repeatable).")
        Map<String, String> variables = new LinkedHashMap<>();
    }

    @Option(names = "--period", paramLabel = "YYYY-MM",
            description = "The month this run is for (default: the current month in bulletin.time-zone).")
    String period;

    @ArgGroup(exclusive = true)
    Instead instead = new Instead();

    /** At most one of these: each changes what the command does. */
    static class Instead {
        @Option(names = "--dry-run", description = "Check everything and show what would be sent; send nothing, write nothing.")
        boolean dryRun;

        @Option(names = "--new-run",
                description = "The period's run was abandoned: send it after all in a new run, to those it did not reach.")
        boolean newRun;

        @Option(names = "--test-to", paramLabel = "ADDR",
                description = "Send one copy, marked [TEST], to this address only; the campaign's run is left untouched.")
        String testTo;
    }

    private final NewsletterLauncher launcher;
    private final CampaignValidator validator;
    private final CampaignPreview preview;
    private final Locality locality;
    private final Workspace workspace;
    private final OperatorStop operatorStop;

    SendCommand(NewsletterLauncher launcher, CampaignValidator validator, CampaignPreview preview, Locality locality,
                Workspace workspace, OperatorStop operatorStop) {
        this.workspace = workspace;
        this.operatorStop = operatorStop;
        this.launcher = launcher;
        this.validator = validator;
        this.preview = preview;
        this.locality = locality;
    }

    @Override
    public Integer call() {
        YearMonth month = Periods.parse(spec, period, locality);
        boolean dryRun = instead.dryRun;
        String testTo = instead.testTo;
        if (oneOff != null) {
            if (jobFile != null) {
                throw new ParameterException(spec.commandLine(), "a one-off campaign (--to …) takes no job file");
            }
            OneOffJob.Written written = OneOffJob.write(workspace, locality.timeZone(), oneOff.name, oneOff.from, oneOff.subject,
                    oneOff.template, oneOff.relay, oneOff.to, oneOff.variables);
            // A one-off is checked whole before it becomes a run: one that cannot be sent, a dry run
            // and a test copy leave neither a run nor its files behind.
            try {
                ValidationReport check = validator.validate(written.job(), month);
                if (!check.sendable() || dryRun) {
                    PrintWriter out = spec.commandLine().getOut();
                    new ValidationPrinter(out).print(check, dryRun ? "dry run: nothing was sent or kept"
                            : "one-off: nothing was sent or kept");
                    out.flush();
                    written.delete();
                    return check.sendable() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
                }
                if (testTo != null) {
                    int code = sendTest(written.job(), month, testTo);
                    written.delete();
                    return code;
                }
            } catch (RuntimeException e) {
                written.delete();
                throw e;
            }
            jobFile = written.job();
        } else if (jobFile == null) {
            throw new ParameterException(spec.commandLine(),
                    "give a job file (send jobs/monthly.yml) or a one-off campaign (send --to … --template … --subject … --from …)");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (testTo != null) {
            return sendTest(jobFile, month, testTo);
        }
        if (dryRun) {
            ValidationReport report = validator.validate(jobFile, month);
            new ValidationPrinter(out).print(report);
            out.flush();
            return report.sendable() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
        RunResult result = launcher.send(jobFile, month, instead.newRun);
        new RunSummaryPrinter(out).print(result);
        out.flush();
        return exitCode(result, operatorStop);
    }

    private int sendTest(Path job, YearMonth month, String testTo) {
        String reply = preview.sendTest(job, month, testTo);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Test copy sent to " + testTo + " through " + reply);
        out.flush();
        return ExitCodes.OK;
    }

    static int exitCode(RunResult result, OperatorStop operatorStop) {
        if (result.outcome() == RunResult.Outcome.STOPPED && operatorStop.requested()) {
            return operatorStop.signal().exitCode(); // 130 or 143, as a shell reports the signal
        }
        return switch (result.outcome()) {
            // The exit status says how the run stands, whether this command sent anything or not.
            case ALREADY_COMPLETED, COMPLETED -> result.counts().allSent() ? ExitCodes.OK : ExitCodes.SOME_NOT_SENT;
            case STOPPED -> ExitCodes.STOPPED;
            case ABANDONED -> ExitCodes.BAD_INPUT;
            case FAILED -> result.problemIsInput() ? ExitCodes.BAD_INPUT : ExitCodes.RUN_FAILED;
        };
    }
}
