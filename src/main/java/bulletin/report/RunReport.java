package bulletin.report;

import bulletin.ledger.AuditRow;
import bulletin.ledger.CampaignProblems;
import bulletin.ledger.RunRecord;
import bulletin.ledger.SendEvents;
import bulletin.ledger.StatusCounts;
import bulletin.run.RunLetters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the run report shows, gathered before it is drawn.
 *
 * @param perMinute      recipients answered (or put in doubt) per minute of the send, by their row's last change
 * @param problems       refused, failed, in-doubt and bounced recipients, with the relay's words (the first ones)
 * @param problemsLeftOut how many more there are, listed in the audit CSV
 * @param events         the tries again and the pauses for the relay's budget, in the order they happened
 * @param feedback       what came back per reason (bounced, unsubscribed, complained...)
 * @param campaignProblems members refused because of the sender or the message, per recipient domain
 * @param example        a personal run's letter as its first recipient got it (its run's content has no one message), or null
 * @param auditAbove     the seq the audit file lists the rows above: 0, the whole run; more, an attempt's rows from where it read
 */
public record RunReport(RunRecord run, StatusCounts counts, List<Attempt> attempts, SortedMap<Instant, Integer> perMinute,
                        List<SendEvents.SendEvent> events, List<AuditRow> problems, long problemsLeftOut,
                        Map<String, Long> feedback, List<CampaignProblems.Problem> campaignProblems, String auditFile,
                        RunLetters.Example example, int auditAbove) {

    /** The same without an example (a Bcc run, whose one message the run's content holds), its audit the whole run. */
    public RunReport(RunRecord run, StatusCounts counts, List<Attempt> attempts, SortedMap<Instant, Integer> perMinute,
                     List<SendEvents.SendEvent> events, List<AuditRow> problems, long problemsLeftOut,
                     Map<String, Long> feedback, List<CampaignProblems.Problem> campaignProblems, String auditFile) {
        this(run, counts, attempts, perMinute, events, problems, problemsLeftOut, feedback, campaignProblems, auditFile, null, 0);
    }

    /**
     * One attempt of the run: when it started and ended, and how (a null end: it died).
     *
     * @param stopReason why it stopped or failed, a sentence of Bulletin's (null when it did not)
     * @param language   the language that sentence is in ("fr"; "en" for a record older than the words)
     */
    public record Attempt(long executionId, Instant start, Instant end, String status, String stopReason, String language) {
    }
}
