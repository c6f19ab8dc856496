package bulletin.cli;

import bulletin.batch.NewsletterLauncher;
import bulletin.home.Locality;
import bulletin.run.RunResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code abandon RUN}: give a run up for good. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "abandon", mixinStandardHelpOptions = true)
class AbandonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", descriptionKey = "RUN")
    long runId;

    private final NewsletterLauncher launcher;
    private final bulletin.text.Words words;

    AbandonCommand(NewsletterLauncher launcher, Locality locality) {
        this.words = locality.words();
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        RunResult result = launcher.abandon(runId);
        PrintWriter out = spec.commandLine().getOut();
        new RunSummaryPrinter(out, words).print(result);
        out.flush();
        return result.outcome() == RunResult.Outcome.ABANDONED ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
