package bulletin.cli;

import bulletin.audience.SuppressionList;
import bulletin.batch.RunStatuses;
import bulletin.home.Locality;
import bulletin.retention.PersonErasure;
import bulletin.retention.Purge;
import bulletin.retention.RetentionPeriod;
import bulletin.retention.RetentionSettings;
import bulletin.schedule.DailyPurge;
import bulletin.text.Words;
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
    private final RunStatuses statuses;
    private final RetentionSettings settings;
    private final SuppressionList suppressions;
    private final Locality locality;
    private final Words words;

    PurgeCommand(Purge purge, PersonErasure erasure, RunStatuses statuses, RetentionSettings settings,
                 SuppressionList suppressions, Locality locality) {
        this.purge = purge;
        this.erasure = erasure;
        this.statuses = statuses;
        this.settings = settings;
        this.suppressions = suppressions;
        this.locality = locality;
        this.words = locality.words();
    }

    @Override
    public Integer call() {
        if (address != null) {
            return erase();
        }
        if (alsoSuppression) {
            spec.commandLine().getErr().println("bulletin: " + words.get("purge.also-needs-address"));
            return ExitCodes.BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        RetentionPeriod period;
        try {
            period = olderThan != null ? RetentionPeriod.parse(olderThan) : settings.period();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("bulletin: " + words.format("purge.bad-age", olderThan));
            return ExitCodes.BAD_INPUT;
        }
        if (period == null) {
            spec.commandLine().getErr().println("bulletin: " + words.get("purge.no-age"));
            return ExitCodes.BAD_INPUT;
        }
        ZonedDateTime now = ZonedDateTime.now(locality.timeZone());
        Purge.Plan plan = purge.plan(DailyPurge.candidates(statuses.runs(null)), period.cutoff(now));
        String cutoff = DAY.format(plan.cutoff().atZone(locality.timeZone()));
        out.println(words.format("purge.title", cutoff, period.said()));
        if (plan.isEmpty()) {
            out.println("  " + words.get("purge.nothing"));
        }
        for (Purge.RunPurge run : plan.runs()) {
            out.println("  " + words.format("purge.run", run.run().runId(), run.run().campaign(), run.run().period(),
                    run.run().status(), run.rows())
                    + (run.feedbackRows() == 0 ? "" : words.format("purge.run.feedback", run.feedbackRows()))
                    + (run.files().isEmpty() ? "" : words.format("purge.run.files", run.files().size(), String.join(", ",
                            run.files().stream().map(file -> file.getFileName().toString()).toList()))));
        }
        if (plan.feedbackMessages() > 0) {
            out.println("  " + words.format("purge.feedback-messages", plan.feedbackMessages(), cutoff));
        }
        if (!plan.looseFiles().isEmpty()) {
            out.println("  " + words.format("purge.loose-files", plan.looseFiles().size(), cutoff));
        }
        plan.kept().forEach(kept -> out.println("  " + words.format("purge.kept", kept.run().runId(), kept.run().campaign(),
                kept.run().period(), kept.why())));
        out.println(words.format("purge.suppression-kept", suppressions.list().size()));
        if (dryRun) {
            out.println(words.get("purge.dry-run"));
        } else if (!plan.isEmpty()) {
            purge.apply(plan);
            out.println(words.get("purge.removed"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int erase() {
        PrintWriter out = spec.commandLine().getOut();
        if (olderThan != null) {
            spec.commandLine().getErr().println("bulletin: " + words.get("erase.two-purges"));
            return ExitCodes.BAD_INPUT;
        }
        var sending = statuses.runs(null).stream().filter(run -> run.status().equals("RUNNING")).findFirst();
        if (sending.isPresent()) {
            spec.commandLine().getErr().println("bulletin: " + words.format("erase.run-sending", sending.get().runId(), address));
            return ExitCodes.BAD_INPUT;
        }
        PersonErasure.Plan plan = erasure.plan(address, alsoSuppression);
        out.println(words.format("erase.title", plan.address()));
        out.println("  " + words.format("erase.rows", plan.rows()));
        if (plan.feedbackRows() > 0) {
            out.println("  " + words.format("erase.feedback", plan.feedbackRows()));
        }
        plan.rewritten().forEach(file -> out.println("  " + words.format("erase.rewritten", file.getFileName())));
        plan.removed().forEach(file -> out.println("  " + words.format("erase.removed", file.getFileName())));
        plan.byHand().forEach(file -> out.println("  " + words.format("erase.by-hand", file)));
        if (plan.suppressed()) {
            out.println("  " + words.get(alsoSuppression ? "erase.suppression-removed" : "erase.suppression-kept"));
        }
        if (dryRun) {
            out.println(words.get("erase.dry-run"));
        } else if (plan.isEmpty()) {
            out.println(words.get("erase.nothing"));
        } else {
            erasure.apply(plan);
            out.println(words.get("erase.done"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
}
