package bulletin.cli;

import bulletin.campaign.CampaignPreview;
import bulletin.campaign.Locality;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code preview JOB.yml [--out DIR]}: the message as it would leave, written to files; nothing sent. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Write the campaign's message as .eml and .html, with the audience counts; send nothing.")
class PreviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yml", description = "The job file.")
    Path jobFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "preview", description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "The month to render for (default: the current month).")
    String period;

    private final CampaignPreview preview;
    private final Locality locality;

    PreviewCommand(CampaignPreview preview, Locality locality) {
        this.preview = preview;
        this.locality = locality;
    }

    @Override
    public Integer call() {
        CampaignPreview.Preview result = preview.preview(jobFile, Periods.parse(spec, period, locality), out);
        PrintWriter writer = spec.commandLine().getOut();
        new ValidationPrinter(writer).print(result.report(), result.eml() == null ? "preview: nothing was sent or written"
                : "preview: nothing was sent; the message is written below");
        if (result.eml() != null) {
            writer.println();
            writer.println("Message: " + result.eml());
            if (result.html() != null) {
                writer.println("HTML:    " + result.html());
            }
        }
        writer.flush();
        return result.report().sendable() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
