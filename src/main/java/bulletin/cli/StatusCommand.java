package bulletin.cli;

import bulletin.ledger.DeliveryStatus;
import bulletin.batch.NewsletterLauncher;
import java.io.PrintWriter;
import bulletin.campaign.Locality;
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
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "List the runs (newest first) with their state and their recipients by state.")
class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", arity = "0..1", description = "Only this campaign's runs.")
    String campaign;

    private final NewsletterLauncher launcher;
    private final Locality locality;

    StatusCommand(NewsletterLauncher launcher, Locality locality) {
        this.launcher = launcher;
        this.locality = locality;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<NewsletterLauncher.RunStatus> runs = launcher.runs(campaign);
        if (runs.isEmpty()) {
            out.println(campaign == null ? "No runs yet." : "No runs of campaign " + campaign + ".");
        } else {
            out.printf("%5s  %-20s %-8s %-12s %-16s %-16s %-10s %s%n", "run", "campaign", "period", "status", "started",
                    "ended", "relay", "recipients");
            for (NewsletterLauncher.RunStatus run : runs) {
                out.printf("%5d  %-20s %-8s %-12s %-16s %-16s %-10s %s%n", run.runId(), run.campaign(), run.period(),
                        run.status(), run.start() == null ? "" : TIME.format(zoned(run.start())),
                        run.end() == null ? "" : TIME.format(zoned(run.end())), run.relay() == null ? "" : run.relay(),
                        counts(run));
            }
            out.println("Times are in " + locality.timeZone() + " (bulletin.time-zone).");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Spring Batch keeps this machine's local time; the operator reads the association's. */
    private ZonedDateTime zoned(LocalDateTime local) {
        return local.atZone(ZoneId.systemDefault()).withZoneSameInstant(locality.timeZone());
    }

    private static String counts(NewsletterLauncher.RunStatus run) {
        StringBuilder text = new StringBuilder();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            long n = run.counts().get(status);
            if (n > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(n).append(' ').append(status);
            }
        }
        text.append(text.length() == 0 ? "none" : "").append(" (total ").append(run.counts().total()).append(')');
        if (run.feedback() != null) {
            text.append("; feedback: ").append(run.feedback());
        }
        if (run.campaignProblems() != null) {
            // Not the members' doing: they were kept, and the sending side needs fixing (see bulletin feedback, the report).
            text.append("; CAMPAIGN PROBLEM, refused because of the sender: ").append(run.campaignProblems());
        }
        return text.toString();
    }
}
