package bulletin.cli;

import bulletin.audience.SuppressionList;
import bulletin.batch.NewsletterLauncher;
import bulletin.campaign.Locality;
import bulletin.retention.Purge;
import bulletin.retention.RetentionPeriod;
import bulletin.retention.RetentionSettings;
import bulletin.schedule.DailyPurge;
import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code purge --older-than 24m [--dry-run]}: personal data of finished runs, removed after a retention period. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Remove what identifies people from finished runs older than a retention period: ledger addresses,"
                + " names and relay words (the counts per state stay), feedback about them, outbox messages and report files.",
                "Kept: the suppression list, and every run that may still be resumed."})
class PurgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--older-than", paramLabel = "AGE",
            description = "Runs whose last attempt ended longer ago than this: 24m (months), 2y, 8w, 90d."
                    + " Default: bulletin.retention.")
    String olderThan;

    @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
    boolean dryRun;

    private final Purge purge;
    private final NewsletterLauncher launcher;
    private final RetentionSettings settings;
    private final SuppressionList suppressions;
    private final Locality locality;

    PurgeCommand(Purge purge, NewsletterLauncher launcher, RetentionSettings settings, SuppressionList suppressions,
                 Locality locality) {
        this.purge = purge;
        this.launcher = launcher;
        this.settings = settings;
        this.suppressions = suppressions;
        this.locality = locality;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RetentionPeriod period;
        try {
            period = olderThan != null ? RetentionPeriod.parse(olderThan) : settings.period();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("bulletin: --older-than " + e.getMessage() + ". Nothing was removed.");
            return ExitCodes.BAD_INPUT;
        }
        if (period == null) {
            spec.commandLine().getErr().println("bulletin: say how old a run must be to be purged: purge --older-than 24m,"
                    + " or set bulletin.retention. Nothing was removed.");
            return ExitCodes.BAD_INPUT;
        }
        ZonedDateTime now = ZonedDateTime.now(locality.timeZone());
        Purge.Plan plan = purge.plan(DailyPurge.candidates(launcher.runs(null)), period.cutoff(now));
        String cutoff = DAY.format(plan.cutoff().atZone(locality.timeZone()));
        out.printf("Personal data of finished runs that ended before %s (older than %s):%n", cutoff, period);
        if (plan.isEmpty()) {
            out.println("  nothing left to remove.");
        }
        for (Purge.RunPurge run : plan.runs()) {
            out.printf("  run %d  %s %s (%s): %d ledger rows%s%s%n", run.run().runId(), run.run().campaign(),
                    run.run().period(), run.run().status(), run.rows(),
                    run.feedbackRows() == 0 ? "" : ", " + run.feedbackRows() + " feedback records",
                    run.files().isEmpty() ? "" : ", " + run.files().size() + " file(s): " + String.join(", ",
                            run.files().stream().map(file -> file.getFileName().toString()).toList()));
        }
        if (plan.feedbackMessages() > 0) {
            out.printf("  the words of %d mailbox message(s) read before %s (what they were is kept, so none is read twice)%n",
                    plan.feedbackMessages(), cutoff);
        }
        if (!plan.looseFiles().isEmpty()) {
            out.printf("  %d test copies, confirmations and previews written before %s%n", plan.looseFiles().size(), cutoff);
        }
        plan.kept().forEach(kept -> out.printf("  kept: run %d (%s %s): %s%n", kept.run().runId(), kept.run().campaign(),
                kept.run().period(), kept.why()));
        out.printf("The suppression list is kept (%d addresses): it protects those who asked not to be mailed.%n",
                suppressions.list().size());
        if (dryRun) {
            out.println("Dry run: nothing was removed. Run the same command without --dry-run to remove it.");
        } else if (!plan.isEmpty()) {
            purge.apply(plan);
            out.printf("Removed. `status` still shows each run's counts.%n");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
}
