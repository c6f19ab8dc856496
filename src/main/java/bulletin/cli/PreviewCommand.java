package bulletin.cli;

import bulletin.campaign.CampaignPreview;
import bulletin.home.Locality;
import bulletin.text.Words;
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
@Command(name = "preview", mixinStandardHelpOptions = true)
class PreviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yml", descriptionKey = "JOB.yml")
    Path jobFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "preview")
    Path out;

    @Option(names = "--period", paramLabel = "YYYY-MM")
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
        Words words = locality.words();
        new ValidationPrinter(writer, words).print(result.report(), words.get(result.eml() == null
                ? "validation.mode.preview-nothing" : "validation.mode.preview"));
        if (result.eml() != null) {
            writer.println();
            writer.println(words.format("preview.message", result.eml()));
            if (result.html() != null) {
                writer.println(words.format("preview.html", result.html()));
            }
        }
        writer.flush();
        return result.report().sendable() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
