package bulletin.cli;

import bulletin.batch.NewsletterLauncher;
import bulletin.campaign.CampaignPreview;
import bulletin.campaign.CampaignValidator;
import bulletin.campaign.ValidationReport;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.run.RunResult;
import bulletin.stop.OperatorStop;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
@Command(name = "send", mixinStandardHelpOptions = true)
class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yml", descriptionKey = "JOB.yml", arity = "0..1")
    Path jobFile;

    @ArgGroup(exclusive = false, headingKey = "oneOff.heading")
    OneOff oneOff;

    /** Together or not at all: picocli says which one is missing. */
    static class OneOff {
        @Option(names = "--to", paramLabel = "ADDR_LIST_OR_FILE", arity = "1..*", required = true)
        List<String> to;

        @Option(names = "--template", required = true)
        String template;

        @Option(names = "--subject", required = true)
        String subject;

        @Option(names = "--from", required = true)
        String from;

        @Option(names = "--relay", defaultValue = "auto")
        String relay;

        @Option(names = "--name")
        String name;

        @Option(names = "--var", paramLabel = "KEY=VALUE")
        Map<String, String> variables = new LinkedHashMap<>();
    }

    @Option(names = "--period", paramLabel = "YYYY-MM")
    String period;

    @ArgGroup(exclusive = true)
    Instead instead = new Instead();

    /** At most one of these: each changes what the command does. */
    static class Instead {
        @Option(names = "--dry-run")
        boolean dryRun;

        @Option(names = "--new-run")
        boolean newRun;

        @Option(names = "--test-to", paramLabel = "ADDR")
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
                throw new ParameterException(spec.commandLine(), words().get("send.one-off-no-job"));
            }
            OneOffJob.Written written = OneOffJob.write(workspace, locality.timeZone(), oneOff.name, oneOff.from, oneOff.subject,
                    oneOff.template, oneOff.relay, oneOff.to, oneOff.variables);
            // A one-off is checked whole before it becomes a run: one that cannot be sent, a dry run
            // and a test copy leave neither a run nor its files behind.
            try {
                ValidationReport check = validator.validate(written.job(), month);
                if (!check.sendable() || dryRun) {
                    PrintWriter out = spec.commandLine().getOut();
                    new ValidationPrinter(out, words()).print(check, words().get(dryRun ? "validation.mode.dry-run-kept"
                            : "validation.mode.one-off"));
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
            throw new ParameterException(spec.commandLine(), words().get("send.job-or-one-off"));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (testTo != null) {
            return sendTest(jobFile, month, testTo);
        }
        if (dryRun) {
            ValidationReport report = validator.validate(jobFile, month);
            new ValidationPrinter(out, words()).print(report);
            out.flush();
            return report.sendable() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
        RunResult result = launcher.send(jobFile, month, instead.newRun);
        new RunSummaryPrinter(out, words()).print(result);
        out.flush();
        return exitCode(result, operatorStop);
    }

    private int sendTest(Path job, YearMonth month, String testTo) {
        String reply = preview.sendTest(job, month, testTo);
        PrintWriter out = spec.commandLine().getOut();
        out.println(words().format("send.test-sent", testTo, reply));
        out.flush();
        return ExitCodes.OK;
    }

    private bulletin.text.Words words() {
        return locality.words();
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
