package bulletin.cli;

import bulletin.audience.SuppressionList;
import bulletin.feedback.FeedbackRetention;
import bulletin.home.Locality;
import bulletin.ledger.AuditCsvExport;
import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.Runs;
import bulletin.text.Sentence;
import bulletin.text.Words;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
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
    private final Runs runs;
    private final AuditCsvExport export;
    private final SuppressionList suppressions;
    private final FeedbackRetention retention;

    private final Words words;

    AuditCommand(Ledger ledger, Runs runs, AuditCsvExport export, SuppressionList suppressions, FeedbackRetention retention,
                 Locality locality) {
        this.words = locality.words();
        this.retention = retention;
        this.ledger = ledger;
        this.runs = runs;
        this.export = export;
        this.suppressions = suppressions;
    }

    @Override
    public Integer call() {
        if ((runId == null) == (address == null)) {
            throw new ParameterException(spec.commandLine(), words.get("audit.run-or-person"));
        }
        if (address != null) {
            return person();
        }
        if (runs.findRun(runId).isEmpty()) {
            throw new ParameterException(spec.commandLine(), Sentence.of("run.not-found", runId).in(words));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv != null) {
            export.write(runId, state, csv);
            out.println(words.format("audit.written", runId, state == null ? "" : " (" + state + ")", csv));
        } else {
            long[] rows = {0};
            ledger.forEachRow(runId, state, row -> {
                rows[0]++;
                String detail = row.relayReply() != null ? row.relayReply() : row.reason() != null ? row.reason() : "";
                out.printf("%6d  %-40s %-10s %s%n", row.seq(), row.address(), row.status(), detail);
            });
            out.println(words.format(rows[0] == 1 ? "audit.recipients.one" : "audit.recipients.many", rows[0]));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** What is kept about one person: their rows in every run, and whether they are on the suppression list. */
    private int person() {
        if (state != null) {
            throw new ParameterException(spec.commandLine(), words.get("audit.state-with-run"));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv != null) {
            long rows = export.writeAddress(address, csv);
            out.println(words.format(rows == 1 ? "audit.person-written.one" : "audit.person-written.many", rows, address, csv));
        } else {
            out.println(words.format("audit.person", address));
            long[] rows = {0};
            ledger.forEachRowOfAddress(address, person -> {
                rows[0]++;
                AuditRow row = person.row();
                String detail = row.relayReply() != null ? row.relayReply() : row.reason() != null ? row.reason() : "";
                out.printf("  %-20s %-8s %-10s %-25s %s:%s  %s%n", row.campaign(), row.period(), row.status(),
                        row.displayName() == null ? "" : row.displayName(), row.sourceFile(), row.sourceLine(), detail);
                person.fields().forEach((name, value) -> out.printf("  %20s %s: %s%n", "", name, value));
            });
            out.println("  " + words.format(rows[0] == 1 ? "audit.person-rows.one" : "audit.person-rows.many", rows[0]));
        }
        var counted = retention.countedFailuresOf(address);
        counted.forEach(failure -> out.println("  " + words.format(failure.runId() == null ? "audit.counted"
                        : "audit.counted-run", failure.seenAt().toString().substring(0, 10), failure.runId(),
                failure.status() + (failure.words() == null ? "" : " " + failure.words()))));
        if (!counted.isEmpty()) {
            out.println("  " + words.format(counted.size() == 1 ? "audit.counted-total.one" : "audit.counted-total.many",
                    counted.size()));
        }
        String key = suppressions.key(address);
        suppressions.list().stream().filter(entry -> suppressions.key(entry.address()).equals(key)).findFirst()
                .ifPresentOrElse(entry -> out.println("  " + words.format("audit.suppressed", entry.addedAt(),
                                entry.reason() + (entry.note() == null ? "" : " (" + entry.note() + ")"))),
                        () -> out.println("  " + words.get("audit.not-suppressed")));
        out.flush();
        return ExitCodes.OK;
    }
}
