package bulletin.cli;

import bulletin.batch.NewsletterLauncher;
import bulletin.run.RunResult;
import bulletin.stop.OperatorStop;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restart RUN [--resend-failed] [--resend-in-doubt]}: resume a run where it stopped. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resume a failed, stopped or crashed run where it stopped (only PENDING recipients are sent).")
class RestartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id ('status' lists them).")
    long runId;

    @Option(names = "--resend-failed", description = "Also send again the recipients that ended FAILED.")
    boolean resendFailed;

    @Option(names = "--resend-in-doubt", description = "Also send again the IN_DOUBT recipients: they may get the "
            + "message twice, unless the relay deduplicates (Mailjet does, for the same campaign).")
    boolean resendInDoubt;

    private final NewsletterLauncher launcher;
    private final OperatorStop operatorStop;

    RestartCommand(NewsletterLauncher launcher, OperatorStop operatorStop) {
        this.launcher = launcher;
        this.operatorStop = operatorStop;
    }

    @Override
    public Integer call() {
        RunResult result = launcher.restart(runId, resendFailed, resendInDoubt);
        PrintWriter out = spec.commandLine().getOut();
        new RunSummaryPrinter(out).print(result);
        out.flush();
        return SendCommand.exitCode(result, operatorStop);
    }
}
