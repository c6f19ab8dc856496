package bulletin.schedule;

import bulletin.batch.RunStatuses;
import bulletin.home.Locality;
import bulletin.notify.Notifier;
import bulletin.retention.Purge;
import bulletin.retention.RetentionPeriod;
import bulletin.retention.RetentionSettings;
import bulletin.text.Spoken;
import bulletin.text.TerminalWords;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code bulletin.retention}: the scheduler purges the personal data of finished runs older than
 * that, at its start and then once a day. A purge that fails is logged and tried the next day;
 * it never stops the scheduler.
 */
@Component
public class DailyPurge {

    private static final Logger log = LoggerFactory.getLogger(DailyPurge.class);

    private final RetentionPeriod period;
    private final Purge purge;
    private final RunStatuses statuses;
    private final Locality locality;
    private final Notifier notifier;
    private LocalDate lastDay;

    DailyPurge(RetentionSettings settings, Purge purge, RunStatuses statuses, Locality locality, Notifier notifier) {
        this.notifier = notifier;
        this.period = settings.period();
        this.purge = purge;
        this.statuses = statuses;
        this.locality = locality;
    }

    /** Purges once per day of the association's calendar, when a retention is set. */
    void runIfDue(Instant now) {
        LocalDate today = now.atZone(locality.timeZone()).toLocalDate();
        if (period == null || today.equals(lastDay)) {
            return;
        }
        lastDay = today;
        try {
            Purge.Plan plan = purge.plan(candidates(statuses.runs(null)), period.cutoff(now.atZone(locality.timeZone())));
            if (!plan.isEmpty()) {
                purge.apply(plan);
                log.info(TerminalWords.key("log.retention-purged"), "Retention ({}, bulletin.retention): purged the personal"
                        + " data of {} run(s): {} ledger rows, {} files", period.said(), plan.runs().size(), plan.rows(),
                        plan.files());
            }
            plan.kept().forEach(kept -> log.info(TerminalWords.key("log.retention-kept"), "Retention: run {} kept: {}",
                    kept.run().runId(), kept.why()));
        } catch (RuntimeException e) {
            log.warn(TerminalWords.key("log.retention-failed"), "Retention: the daily purge failed ({}); it is tried again"
                    + " tomorrow, or run `purge` by hand", Spoken.of(e), e);
            notifier.failed("purge", e.getMessage());
        }
    }

    /** The runs as a purge sees them: state, and when the last attempt ended (this machine's clock). */
    public static List<Purge.Candidate> candidates(List<RunStatuses.RunStatus> runs) {
        return runs.stream().map(run -> new Purge.Candidate(run.runId(), run.campaign(), run.period(), run.status(),
                run.end() == null ? null : run.end().atZone(ZoneId.systemDefault()).toInstant())).toList();
    }
}
