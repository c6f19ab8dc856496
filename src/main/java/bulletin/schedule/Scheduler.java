package bulletin.schedule;

import bulletin.batch.NewsletterLauncher;
import bulletin.batch.RunStatuses;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.feedback.FeedbackLoop;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import bulletin.stop.OperatorStop;
import bulletin.text.Sentence;
import bulletin.text.Spoken;
import bulletin.text.TerminalWords;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/**
 * Sends every job that has a {@code schedule:} at its time, the period taken from the fire time.
 * A fire missed while the scheduler was down is sent at start-up only within the grace window:
 * a late start never sends an old newsletter (it says so). Runs one campaign at a time, never two
 * at once; a failed run is tried again within its grace window, one stopped on its relay's budget
 * goes on when the budget frees.
 */
@Service
public class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** One scheduled send: which job, for which month, at what time it fell due. */
    record Fire(Path jobFile, String campaign, ZonedDateTime at) {
        YearMonth period() {
            return YearMonth.from(at);
        }
    }

    private final Workspace workspace;
    private final CampaignLoader loader;
    private final Locality locality;
    private final NewsletterLauncher launcher;
    private final RunStatuses statuses;
    private final OperatorStop operatorStop;
    private final FeedbackLoop feedback;
    private final DailyPurge retention;

    Scheduler(Workspace workspace, CampaignLoader loader, Locality locality, NewsletterLauncher launcher, RunStatuses statuses,
              OperatorStop operatorStop, FeedbackLoop feedback, DailyPurge retention) {
        this.feedback = feedback;
        this.retention = retention;
        this.operatorStop = operatorStop;
        this.workspace = workspace;
        this.loader = loader;
        this.locality = locality;
        this.launcher = launcher;
        this.statuses = statuses;
    }

    /** The scheduled jobs of the jobs folder; a job file that cannot be read is reported and left out. */
    List<Campaign> scheduled() {
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
                    log.error(TerminalWords.key("log.not-scheduled"), "Not scheduled: {}", e.sentence());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + workspace.jobs(), e);
        }
        return campaigns;
    }

    /** The fires that fall in (after, until], in time order. */
    List<Fire> due(List<Campaign> campaigns, Instant after, Instant until) {
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
    List<RunResult> fire(List<Campaign> campaigns, Instant after, Instant until) {
        List<RunResult> results = new ArrayList<>();
        for (Fire fire : due(campaigns, after, until)) {
            send(fire).ifPresent(results::add);
        }
        return results;
    }

    private Optional<RunResult> send(Fire fire) {
        log.info(TerminalWords.key("log.schedule-fire"), "Schedule: {} for {} (due {})", fire.campaign(), fire.period(),
                locality.show(fire.at().toInstant()));
        try {
            RunResult result = launcher.send(fire.jobFile(), fire.period());
            log.info(TerminalWords.key("log.schedule-ended"), "Schedule: {} {} ended {} ({} sent)", fire.campaign(),
                    fire.period(), result.outcome(),
                    result.counts().get(DeliveryStatus.SENT));
            return Optional.of(result);
        } catch (RuntimeException e) {
            log.error(TerminalWords.key("log.schedule-could-not-run"), "Schedule: {} {} could not run: {}", fire.campaign(),
                    fire.period(), Spoken.of(e));
            return Optional.empty();
        }
    }

    /** A scheduled run to try again at a time: after a failure, or when its relay's budget frees. */
    public record Retry(Fire fire, Instant at, int failures) {
    }

    /**
     * What follows a scheduled run: a run stopped on its budget goes on when the budget frees; a
     * run that failed (not on its input) is tried again with a growing wait, within its grace
     * window only; anything else is done.
     */
    Optional<Retry> followUp(Fire fire, RunResult result, int failures, Instant now, Duration grace) {
        if (result.outcome() == RunResult.Outcome.STOPPED && result.resumeAt() != null) {
            Instant at = result.resumeAt().plus(RETRY_MARGIN);
            log.info(TerminalWords.key("log.schedule-budget"), "Schedule: {} {} waits for its relay's budget; it goes on at {}",
                    fire.campaign(), fire.period(), locality.show(at));
            return Optional.of(new Retry(fire, at, 0));
        }
        if (result.outcome() != RunResult.Outcome.FAILED || result.problemIsInput()) {
            return Optional.empty();
        }
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 6));
        Instant at = now.plus(wait);
        Instant closes = fire.at().toInstant().plus(grace);
        if (at.isAfter(closes)) {
            log.error(TerminalWords.key("log.schedule-given-up"), "Schedule: {} {} failed ({}); its grace window closed at {}:"
                    + " not tried again. Resume it with bulletin restart {}", fire.campaign(), fire.period(), result.said(),
                    locality.show(closes), result.runId());
            return Optional.empty();
        }
        log.warn(TerminalWords.key("log.schedule-retry"), "Schedule: {} {} failed ({}); trying again at {} (grace window"
                + " until {})", fire.campaign(), fire.period(), result.said(), locality.show(at), locality.show(closes));
        return Optional.of(new Retry(fire, at, failures + 1));
    }

    /** One line per scheduled job: when it fires next, in the association's zone. */
    public List<Sentence> plan(List<Campaign> campaigns, Instant now) {
        List<Sentence> lines = new ArrayList<>();
        for (Campaign campaign : campaigns) {
            ZonedDateTime next = CronExpression.parse(campaign.schedule()).next(now.atZone(locality.timeZone()));
            lines.add(next == null ? Sentence.of("schedule.never", campaign.name(), campaign.schedule())
                    : Sentence.of("schedule.next", campaign.name(), campaign.schedule(), locality.show(next.toInstant())));
        }
        return lines;
    }

    /**
     * The fires missed while the scheduler was down and older than the grace window, whose period
     * was not sent: not sent now (a late newsletter is worse than none), but said, with the command.
     */
    List<Sentence> skipped(List<Campaign> campaigns, Instant now, Duration grace) {
        List<Sentence> lines = new ArrayList<>();
        Instant since = now.minus(LOOK_BACK);
        Map<String, Fire> latest = new LinkedHashMap<>();
        due(campaigns, since, now.minus(grace)).forEach(fire -> latest.put(fire.campaign(), fire)); // the last missed one of each
        for (Fire fire : latest.values()) {
            boolean sent = statuses.runs(fire.campaign()).stream()
                    .anyMatch(run -> run.period().equals(fire.period().toString()) && "COMPLETED".equals(run.status()));
            if (!sent) {
                lines.add(Sentence.of("schedule.missed", fire.campaign(), fire.period(), locality.show(fire.at().toInstant()),
                        grace.toHours(), workspace.shown(fire.jobFile().toString())));
            }
        }
        return lines;
    }

    /**
     * Runs until the operator stops it. At start-up it says when each job fires next; fires missed
     * within {@code grace} are sent, older ones are only reported. Between sends it reads the
     * feedback (bounces, unsubscribes) every {@code bulletin.feedback.interval}.
     */
    public void run(Duration grace) throws InterruptedException {
        busy();
        Instant start = Instant.now();
        List<Campaign> campaigns = scheduled();
        log.info(TerminalWords.key("log.schedule-start"), "Schedule: {} scheduled job(s) in {}; a fire missed while down is"
                + " sent only within {} h of its time", campaigns.size(), workspace.jobs(), grace.toHours());
        plan(campaigns, start).forEach(line -> log.info(TerminalWords.key("log.schedule-line"), "Schedule: {}", line));
        skipped(campaigns, start, grace).forEach(line -> log.warn(TerminalWords.key("log.schedule-line"), "Schedule: {}", line));
        Instant last = start.minus(grace);
        List<Retry> retries = new ArrayList<>();
        while (!operatorStop.requested()) {
            busy();
            Instant now = Instant.now();
            for (Fire fire : due(scheduled(), last, now)) {
                send(fire).flatMap(result -> followUp(fire, result, 0, Instant.now(), grace)).ifPresent(retries::add);
                busy();
            }
            for (Retry retry : List.copyOf(retries)) {
                if (!retry.at().isAfter(now) && !operatorStop.requested()) {
                    retries.remove(retry);
                    send(retry.fire()).flatMap(result -> followUp(retry.fire(), result, retry.failures(), Instant.now(), grace))
                            .ifPresent(retries::add);
                    busy();
                }
            }
            last = now;
            if (!operatorStop.requested()) {
                feedback.readIfDue(Instant.now()); // bounces and unsubscribes, every bulletin.feedback.interval
            }
            if (!operatorStop.requested()) {
                retention.runIfDue(Instant.now()); // bulletin.retention, once a day
            }
            if (!operatorStop.pause(TICK)) {
                break;
            }
        }
        log.info(TerminalWords.key("log.schedule-stopped"), "Schedule: stopped by {}; start it again to go on",
                operatorStop.signal().name());
    }

    /**
     * A stop signal asks the scheduler to end after its current task, rather than exiting under a
     * database read (the feedback's) or between two steps; a send marks its own messages in flight,
     * so this is said again after each one.
     */
    private void busy() {
        operatorStop.workStarted("scheduler-task", () -> { });
    }

    private static final Duration TICK = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration RETRY_MARGIN = Duration.ofMinutes(1);
    /** How far back a start-up looks for fires it missed. */
    private static final Duration LOOK_BACK = Duration.ofDays(40);
}
