package bulletin.cli;

import bulletin.audience.SuppressionList;
import bulletin.feedback.FeedbackRetention;
import bulletin.ledger.AuditCsvExport;
import bulletin.ledger.AuditRow;
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

/**
 * {@code audit RUN [--state S] [--csv FILE]}: the ledger of one run, recipient by recipient;
 * {@code audit --address ADDR [--csv FILE]}: everything kept about one person, in every run.
 */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "audit", mixinStandardHelpOptions = true)
class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", descriptionKey = "RUN", arity = "0..1")
    Long runId;

    @Option(names = "--address", paramLabel = "ADDR")
    String address;

    @Option(names = "--state", paramLabel = "STATE")
    DeliveryStatus state;

    @Option(names = "--csv", paramLabel = "FILE")
    Path csv;

    private final Ledger ledger;
    private final AuditCsvExport export;
    private final SuppressionList suppressions;
    private final FeedbackRetention retention;

    AuditCommand(Ledger ledger, AuditCsvExport export, SuppressionList suppressions, FeedbackRetention retention) {
        this.retention = retention;
        this.ledger = ledger;
        this.export = export;
        this.suppressions = suppressions;
    }

    @Override
    public Integer call() {
        if ((runId == null) == (address == null)) {
            throw new ParameterException(spec.commandLine(), "give a run (audit RUN) or a person (audit --address ADDR)");
        }
        if (address != null) {
            return person();
        }
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

    /** What is kept about one person: their rows in every run, and whether they are on the suppression list. */
    private int person() {
        if (state != null) {
            throw new ParameterException(spec.commandLine(), "--state goes with a run, not with --address");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv != null) {
            long rows = export.writeAddress(address, csv);
            out.println(rows + " row" + (rows == 1 ? "" : "s") + " about " + address + " written to " + csv);
        } else {
            out.println("What Bulletin keeps about " + address + ":");
            long[] rows = {0};
            ledger.forEachRowOfAddress(address, person -> {
                rows[0]++;
                AuditRow row = person.row();
                String detail = row.relayReply() != null ? row.relayReply() : row.reason() != null ? row.reason() : "";
                out.printf("  %-20s %-8s %-10s %-25s %s:%s  %s%n", row.campaign(), row.period(), row.status(),
                        row.displayName() == null ? "" : row.displayName(), row.sourceFile(), row.sourceLine(), detail);
                person.fields().forEach((name, value) -> out.printf("  %20s %s: %s%n", "", name, value));
            });
            out.println("  " + rows[0] + " row" + (rows[0] == 1 ? "" : "s") + " in the ledger");
        }
        var counted = retention.countedFailuresOf(address);
        counted.forEach(failure -> out.println("  temporary failure counted on " + failure.seenAt().toString().substring(0, 10)
                + (failure.runId() == null ? "" : " after run " + failure.runId()) + ": " + failure.status()
                + (failure.words() == null ? "" : " " + failure.words())));
        if (!counted.isEmpty()) {
            out.println("  " + counted.size() + " temporary failure" + (counted.size() == 1 ? "" : "s")
                    + " counted (suppressed once they come from bulletin.feedback.soft-bounce-limit runs)");
        }
        String key = suppressions.key(address);
        suppressions.list().stream().filter(entry -> suppressions.key(entry.address()).equals(key)).findFirst()
                .ifPresentOrElse(entry -> out.println("  on the suppression list since " + entry.addedAt() + ": "
                                + entry.reason() + (entry.note() == null ? "" : " (" + entry.note() + ")")),
                        () -> out.println("  not on the suppression list"));
        out.flush();
        return ExitCodes.OK;
    }
}
