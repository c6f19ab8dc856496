package bulletin.cli;

import bulletin.batch.NewsletterLauncher;
import bulletin.home.Locality;
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
@Command(name = "restart", mixinStandardHelpOptions = true)
class RestartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", descriptionKey = "RUN")
    long runId;

    @Option(names = "--resend-failed")
    boolean resendFailed;

    @Option(names = "--resend-in-doubt")
    boolean resendInDoubt;

    private final NewsletterLauncher launcher;
    private final bulletin.text.Words words;
    private final OperatorStop operatorStop;

    RestartCommand(NewsletterLauncher launcher, OperatorStop operatorStop, Locality locality) {
        this.words = locality.words();
        this.launcher = launcher;
        this.operatorStop = operatorStop;
    }

    @Override
    public Integer call() {
        RunResult result = launcher.restart(runId, resendFailed, resendInDoubt);
        PrintWriter out = spec.commandLine().getOut();
        new RunSummaryPrinter(out, words).print(result);
        out.flush();
        return SendCommand.exitCode(result, operatorStop);
    }
}
