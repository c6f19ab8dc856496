package bulletin.home;

import bulletin.problem.FileNames;
import bulletin.text.Ascii;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Bulletin's files live. Relative paths — here and in job files — are resolved against
 * {@code home}, so that a cron job or a systemd unit gives one directory and nothing else.
 * The database location is {@code spring.datasource.url} (default {@code HOME/data/db/bulletin}).
 */
@ConfigurationProperties("bulletin")
public record Workspace(
        @DefaultValue(".") Path home,
        @DefaultValue("templates") Path templatesDir,
        @DefaultValue("data/lists") Path listsDir,
        @DefaultValue("jobs") Path jobsDir,
        @DefaultValue("data/outbox") Path outboxDir,
        @DefaultValue("data/reports") Path reportsDir) {

    public Path resolve(Path path) {
        return home.resolve(path).normalize();
    }

    public Path resolve(String path) {
        return resolve(Path.of(path));
    }

    /** A path as the operator would type it in the home: relative when it is inside, as it is otherwise. */
    public String shown(String path) {
        return fileNames().shown(Path.of(path)).toString();
    }

    /** How files are named in the operator's sentences: relative to the home. */
    public FileNames fileNames() {
        return FileNames.relativeTo(home);
    }

    public Path templates() {
        return resolve(templatesDir);
    }

    public Path jobs() {
        return resolve(jobsDir);
    }

    public Path lists() {
        return resolve(listsDir);
    }

    public Path outbox() {
        return resolve(outboxDir);
    }

    // ---- the files a run leaves: named here only ------------------------------------------

    /** An attempt's audit: {@code reports/CAMPAIGN-PERIOD-runN-execM.csv}; its report page is beside it ({@link #reportPage}). */
    public Path auditFile(String campaign, String period, long runId, long executionId) {
        return reports().resolve(runFilePrefix(campaign, period, runId) + "-exec" + executionId + ".csv");
    }

    /** An attempt's report page, beside its audit: the same name, {@code .html}. */
    public static Path reportPage(Path audit) {
        String name = audit.getFileName().toString();
        return audit.resolveSibling(name.replaceFirst("\\.csv$", "") + ".html");
    }

    /** A run's report page written again ({@code bulletin report RUN}): {@code reports/CAMPAIGN-PERIOD-runN.html}. */
    public Path runReportPage(String campaign, String period, long runId) {
        return reports().resolve(runFilePrefix(campaign, period, runId) + ".html");
    }

    /** Whether a file of {@link #reports()} is one of the run's: an attempt's audit or page, or its page written again. */
    public static boolean isRunReportFile(Path file, String campaign, String period, long runId) {
        String name = file.getFileName().toString();
        String prefix = runFilePrefix(campaign, period, runId);
        return name.startsWith(prefix + "-") || name.startsWith(prefix + ".");
    }

    /** Where the outbox relay writes a period's messages ({@code outbox/CAMPAIGN/PERIOD}): shared by the period's runs. */
    public Path periodOutbox(String campaign, String period) {
        return outbox().resolve(fileName(campaign)).resolve(period);
    }

    /** Where one-off sends (`bulletin send --to …`) write their job files: {@code data/oneoff}. */
    public Path oneOffJobs() {
        return resolve("data/oneoff");
    }

    /** A one-off's job file: {@code data/oneoff/NAME.yml}. */
    public Path oneOffJob(String campaign) {
        return oneOffJobs().resolve(fileName(campaign) + ".yml");
    }

    /** The bare addresses a one-off was given, beside its job file: {@code NAME.addresses.txt}. */
    public static Path oneOffAddresses(Path oneOffJob) {
        return oneOffJob.resolveSibling(oneOffJob.getFileName().toString().replaceFirst("\\.yml$", "") + ONE_OFF_ADDRESSES);
    }

    /** How the file of a one-off's bare addresses ends. */
    public static final String ONE_OFF_ADDRESSES = ".addresses.txt";

    private static String runFilePrefix(String campaign, String period, long runId) {
        return fileName(campaign) + "-" + period + "-run" + runId;
    }

    public Path reports() {
        return resolve(reportsDir);
    }

    /**
     * A campaign name as part of a file or folder name (outbox, reports, previews, one-off job
     * files, run locks): accents dropped, then anything but ASCII letters, digits and {@code . _ -} becomes {@code _}.
     */
    public static String fileName(String name) {
        return Ascii.fold(name).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
