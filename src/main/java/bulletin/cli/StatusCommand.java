package bulletin.cli;

import bulletin.batch.RunStatuses;
import bulletin.home.Locality;
import bulletin.ledger.DeliveryStatus;
import bulletin.text.Words;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code status [CAMPAIGN]}: the runs, how they ended, and their recipients by state. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "status", mixinStandardHelpOptions = true)
class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", descriptionKey = "CAMPAIGN", arity = "0..1")
    String campaign;

    private final RunStatuses statuses;
    private final Locality locality;
    private final Words words;

    StatusCommand(RunStatuses statuses, Locality locality) {
        this.statuses = statuses;
        this.locality = locality;
        this.words = locality.words();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RunStatuses.RunStatus> runs = statuses.runs(campaign);
        if (runs.isEmpty()) {
            out.println(campaign == null ? words.get("status.none") : words.format("status.none-of", campaign));
        } else {
            out.printf("%5s  %-20s %-8s %-12s %-16s %-16s %-10s %s%n", words.get("status.run"), words.get("status.campaign"),
                    words.get("status.period"), words.get("status.status"), words.get("status.started"),
                    words.get("status.ended"), words.get("status.relay"), words.get("status.recipients"));
            for (RunStatuses.RunStatus run : runs) {
                out.printf("%5d  %-20s %-8s %-12s %-16s %-16s %-10s %s%n", run.runId(), run.campaign(), run.period(),
                        run.status(), run.start() == null ? "" : TIME.format(zoned(run.start())),
                        run.end() == null ? "" : TIME.format(zoned(run.end())), run.relay() == null ? "" : run.relay(),
                        counts(run));
            }
            out.println(words.format("status.zone", locality.timeZone()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Spring Batch keeps this machine's local time; the operator reads the association's. */
    private ZonedDateTime zoned(LocalDateTime local) {
        return local.atZone(ZoneId.systemDefault()).withZoneSameInstant(locality.timeZone());
    }

    private String counts(RunStatuses.RunStatus run) {
        StringBuilder text = new StringBuilder();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            long n = run.counts().get(status);
            if (n > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(n).append(' ').append(status);
            }
        }
        text.append(text.length() == 0 ? words.get("status.no-one") : "").append(words.format("status.total", run.counts().total()));
        if (run.feedback() != null) {
            text.append(words.format("status.feedback", run.feedback()));
        }
        if (run.campaignProblems() != null) {
            // Not the members' doing: they were kept, and the sending side needs fixing (see bulletin feedback, the report).
            text.append(words.format("status.campaign-problem", run.campaignProblems()));
        }
        return text.toString();
    }
}
