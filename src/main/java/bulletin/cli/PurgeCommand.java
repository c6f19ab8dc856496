package bulletin.cli;

import bulletin.audience.SuppressionList;
import bulletin.batch.NewsletterLauncher;
import bulletin.campaign.Locality;
import bulletin.retention.PersonErasure;
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

/**
 * {@code purge --older-than 24m [--dry-run]}: personal data of finished runs, removed after a
 * retention period; {@code purge --address ADDR [--also-suppression] [--dry-run]}: one person,
 * erased at their request.
 */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "purge", mixinStandardHelpOptions = true)
class PurgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--older-than", paramLabel = "AGE")
    String olderThan;

    @Option(names = "--address", paramLabel = "ADDR")
    String address;

    @Option(names = "--also-suppression")
    boolean alsoSuppression;

    @Option(names = "--dry-run")
    boolean dryRun;

    private final Purge purge;
    private final PersonErasure erasure;
    private final NewsletterLauncher launcher;
    private final RetentionSettings settings;
    private final SuppressionList suppressions;
    private final Locality locality;

    PurgeCommand(Purge purge, PersonErasure erasure, NewsletterLauncher launcher, RetentionSettings settings,
                 SuppressionList suppressions, Locality locality) {
        this.purge = purge;
        this.erasure = erasure;
        this.launcher = launcher;
        this.settings = settings;
        this.suppressions = suppressions;
        this.locality = locality;
    }

    @Override
    public Integer call() {
        if (address != null) {
            return erase();
        }
        if (alsoSuppression) {
            spec.commandLine().getErr().println("bulletin: --also-suppression goes with --address. Nothing was removed.");
            return ExitCodes.BAD_INPUT;
        }
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

    private int erase() {
        PrintWriter out = spec.commandLine().getOut();
        if (olderThan != null) {
            spec.commandLine().getErr().println("bulletin: --address and --older-than are two purges: run them one after"
                    + " the other. Nothing was removed.");
            return ExitCodes.BAD_INPUT;
        }
        var sending = launcher.runs(null).stream().filter(run -> run.status().equals("RUNNING")).findFirst();
        if (sending.isPresent()) {
            spec.commandLine().getErr().println("bulletin: run " + sending.get().runId() + " is sending now; erase "
                    + address + " once it has ended (status shows it). Nothing was removed.");
            return ExitCodes.BAD_INPUT;
        }
        PersonErasure.Plan plan = erasure.plan(address, alsoSuppression);
        out.printf("Erasing %s:%n", plan.address());
        out.printf("  %d ledger row(s) in every run lose the address, name and relay words (a row still to send"
                + " becomes SUPPRESSED)%n", plan.rows());
        if (plan.feedbackRows() > 0) {
            out.printf("  %d feedback record(s) about them%n", plan.feedbackRows());
        }
        plan.rewritten().forEach(file -> out.printf("  rewritten without them: %s%n", file.getFileName()));
        plan.removed().forEach(file -> out.printf("  removed (theirs alone): %s%n", file.getFileName()));
        plan.byHand().forEach(file -> out.printf("  still names them, to edit or delete by hand: %s%n", file));
        if (plan.suppressed()) {
            out.println(alsoSuppression ? "  their suppression entry is removed: a recipient file that still lists them"
                    + " would mail them again" : "  their suppression entry is kept, so that they are not mailed again"
                    + " (--also-suppression removes it)");
        }
        if (dryRun) {
            out.println("Dry run: nothing was removed. Run the same command without --dry-run to erase them.");
        } else if (plan.isEmpty()) {
            out.println("Nothing kept about them.");
        } else {
            erasure.apply(plan);
            out.println("Erased. Remove them from the recipient files and lists too, or the next run stages them again.");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
}
