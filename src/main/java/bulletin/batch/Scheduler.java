package bulletin.batch;

import bulletin.audit.DeliveryStatus;
import java.util.Comparator;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.campaign.Locality;
import bulletin.campaign.Workspace;
import bulletin.yaml.YamlFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/**
 * Sends every job that has a {@code schedule:} at its time, the period taken from the fire time.
 * A fire missed while the scheduler was down is sent at start-up only within the grace window:
 * a late start never sends an old newsletter. Runs one campaign at a time, never two at once.
 */
@Service
public class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** One scheduled send: which job, for which month, at what time it fell due. */
    public record Fire(Path jobFile, String campaign, ZonedDateTime at) {
        YearMonth period() {
            return YearMonth.from(at);
        }
    }

    private final Workspace workspace;
    private final CampaignLoader loader;
    private final Locality locality;
    private final NewsletterLauncher launcher;

    Scheduler(Workspace workspace, CampaignLoader loader, Locality locality, NewsletterLauncher launcher) {
        this.workspace = workspace;
        this.loader = loader;
        this.locality = locality;
        this.launcher = launcher;
    }

    /** The scheduled jobs of the jobs folder; a job file that cannot be read is reported and left out. */
    public List<Campaign> scheduled() {
        List<Campaign> campaigns = new ArrayList<>();
        if (!Files.isDirectory(workspace.jobs())) {
            return campaigns;
        }
        try (Stream<Path> files = Files.list(workspace.jobs())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    Campaign campaign = loader.load(file);
                    if (campaign.schedule() != null) {
                        campaigns.add(campaign);
                    }
                } catch (YamlFileException e) {
                    log.error("Not scheduled: {}", e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + workspace.jobs(), e);
        }
        return campaigns;
    }

    /** The fires that fall in (after, until], in time order. */
    public List<Fire> due(List<Campaign> campaigns, Instant after, Instant until) {
        List<Fire> fires = new ArrayList<>();
        for (Campaign campaign : campaigns) {
            CronExpression cron = CronExpression.parse(campaign.schedule());
            ZonedDateTime next = cron.next(after.atZone(locality.timeZone()));
            while (next != null && !next.toInstant().isAfter(until)) {
                fires.add(new Fire(campaign.file(), campaign.name(), next));
                next = cron.next(next);
            }
        }
        fires.sort(Comparator.comparing(Fire::at));
        return fires;
    }

    /** Sends what fell due in (after, until]; returns what it launched. */
    public List<RunResult> fire(List<Campaign> campaigns, Instant after, Instant until) {
        List<RunResult> results = new ArrayList<>();
        for (Fire fire : due(campaigns, after, until)) {
            log.info("Schedule: {} for {} (due {})", fire.campaign(), fire.period(), fire.at());
            try {
                RunResult result = launcher.send(fire.jobFile(), fire.period());
                log.info("Schedule: {} {} ended {} ({} sent)", fire.campaign(), fire.period(), result.outcome(),
                        result.counts().get(DeliveryStatus.SENT));
                results.add(result);
            } catch (RuntimeException e) {
                log.error("Schedule: {} {} could not run: {}", fire.campaign(), fire.period(), e.getMessage());
            }
        }
        return results;
    }

    /**
     * Runs until interrupted. At start-up, fires missed within {@code grace} are sent; older
     * ones are only logged.
     */
    public void run(Duration grace) throws InterruptedException {
        Instant start = Instant.now();
        List<Campaign> campaigns = scheduled();
        log.info("Schedule: {} scheduled job(s) in {}; a fire missed while down is sent only within {} of its time",
                campaigns.size(), workspace.jobs(), grace);
        Instant last = start.minus(grace);
        while (!Thread.currentThread().isInterrupted()) {
            Instant now = Instant.now();
            fire(scheduled(), last, now);
            last = now;
            Thread.sleep(Duration.ofSeconds(30).toMillis());
        }
    }
}
