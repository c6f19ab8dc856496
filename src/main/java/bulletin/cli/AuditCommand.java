package bulletin.cli;

import bulletin.ledger.AuditCsvExport;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code audit RUN [--state S] [--csv FILE]}: the ledger of one run, recipient by recipient. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Show the ledger of a run: each recipient, its state and the relay's reply.")
class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id ('status' lists them).")
    long runId;

    @Option(names = "--state", paramLabel = "STATE", description = "Only recipients in this state: ${COMPLETION-CANDIDATES}.")
    DeliveryStatus state;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the rows as CSV to this file instead.")
    Path csv;

    private final Ledger ledger;
    private final AuditCsvExport export;

    AuditCommand(Ledger ledger, AuditCsvExport export) {
        this.ledger = ledger;
        this.export = export;
    }

    @Override
    public Integer call() {
        if (ledger.findRun(runId).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "there is no run " + runId + "; 'status' lists the runs");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv != null) {
            export.write(runId, state, csv);
            out.println("Audit of run " + runId + (state == null ? "" : " (" + state + ")") + " written to " + csv);
        } else {
            long[] rows = {0};
            ledger.forEachRow(runId, state, row -> {
                rows[0]++;
                String detail = row.relayReply() != null ? row.relayReply() : row.reason() != null ? row.reason() : "";
                out.printf("%6d  %-40s %-10s %s%n", row.seq(), row.address(), row.status(), detail);
            });
            out.println(rows[0] + " recipient" + (rows[0] == 1 ? "" : "s"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
