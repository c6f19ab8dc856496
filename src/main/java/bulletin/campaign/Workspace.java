package bulletin.campaign;

import bulletin.problem.FileNames;
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

    /**
     * The name every report file of a run starts with, in {@link #reports()}: CAMPAIGN-PERIOD-runN,
     * then {@code -execM.csv} / {@code .html} for an attempt's audit and page, {@code .html} for a page written again.
     */
    public static String runReportName(String campaign, String period, long runId) {
        return Campaign.fileName(campaign) + "-" + period + "-run" + runId;
    }

    /** An attempt's report page, beside its audit: the same name, {@code .html}. */
    public static Path reportPage(Path audit) {
        String name = audit.getFileName().toString();
        return audit.resolveSibling(name.replaceFirst("\\.csv$", "") + ".html");
    }

    public Path reports() {
        return resolve(reportsDir);
    }
}
