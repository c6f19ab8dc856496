package bulletin.cli;

import bulletin.campaign.CampaignValidator;
import bulletin.campaign.ValidationReport;
import bulletin.campaign.Locality;
import bulletin.relay.RelayException;
import bulletin.relay.RelayFactory;
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

/** {@code validate JOB.yml}: a dry run that says everything it finds; nothing sent, nothing written. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a job file, its recipient sources, its templates and its relay; send nothing, write nothing.")
class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yml", description = "The job file, e.g. jobs/monthly.yml.")
    Path jobFile;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "The month to render for (default: the current month).")
    String period;

    @Option(names = "--connect",
            description = "Also connect to the relay as a send would (EHLO, STARTTLS, login) and quit: nothing is sent.")
    boolean connect;

    private final CampaignValidator validator;
    private final Locality locality;
    private final RelayFactory relays;

    ValidateCommand(CampaignValidator validator, Locality locality, RelayFactory relays) {
        this.validator = validator;
        this.locality = locality;
        this.relays = relays;
    }

    @Override
    public Integer call() {
        ValidationReport report = validator.validate(jobFile, Periods.parse(spec, period, locality));
        PrintWriter out = spec.commandLine().getOut();
        new ValidationPrinter(out).print(report);
        int code = report.sendable() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        if (connect && report.relayName() != null) {
            out.println();
            try {
                out.println("Connection: " + relays.handshake(report.relayName()));
            } catch (RelayException e) {
                out.println("Connection FAILED: " + e.getMessage());
                code = ExitCodes.BAD_INPUT;
            }
        }
        out.flush();
        return code;
    }
}
