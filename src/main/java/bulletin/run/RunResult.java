package bulletin.run;

import bulletin.home.Workspace;
import bulletin.ledger.StatusCounts;
import bulletin.text.Sentence;
import bulletin.text.Words;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What launching a campaign came to, for the command line to print and turn into an exit code.
 *
 * @param runId       the run (job instance) id, to restart or audit it
 * @param executionId this attempt's id, or the completed one's when nothing was started
 * @param campaign    campaign name
 * @param period      {@code YYYY-MM}
 * @param outcome     how it ended
 * @param counts      recipients by state
 * @param problem     for a failed run: the reason, in a sentence; otherwise null
 * @param problemIsInput the failure came from input or configuration and nothing was sent
 * @param audit       where the attempt's audit (CSV) was written, or null; its report page is beside it
 * @param relay       the relay of the run and why it was chosen (a sentence), or null before staging
 * @param jobFile     the job file the run was sent from, for the next command to name
 * @param resumeAt    for a run stopped on its relay's budget: when the budget frees; otherwise null
 * @param sentCopy    what became of the copy in the mailbox's Sent folder (sent-copy), or null
 * @param feedback    what the feedback loop suppressed because of this run, in words, or null
 * @param said        the problem as a sentence, for the terminal and the notices to say in the association's
 *                    language: present whenever {@code problem} is
 * @param auditAbove  the seq {@code audit} lists the rows above: 0, the whole run; more, an attempt that read
 *                    the run from there (a restart), whose audit lists those rows only
 */
public record RunResult(long runId, long executionId, String campaign, String period, Outcome outcome,
                        StatusCounts counts, String problem, boolean problemIsInput, String audit, Sentence relay,
                        String jobFile, Instant resumeAt, String sentCopy,
                        String feedback, Sentence said, int auditAbove) {

    /** The attempt's report page, beside its audit ({@link Workspace#reportPage}), or null without an audit. */
    public Path reportPage() {
        return audit == null ? null : Workspace.reportPage(Path.of(audit));
    }

    /** The problem in these words' language (English where they have none), or null. */
    public String problem(Words words) {
        return said != null ? said.in(words) : problem;
    }

    public enum Outcome {
        /** The run finished now. */
        COMPLETED,
        /** The campaign was already sent for this period: nothing was sent now. */
        ALREADY_COMPLETED,
        /** The run stopped on an error; it can be restarted. */
        FAILED,
        /** The run was stopped (budget or operator); it can be restarted. */
        STOPPED,
        /** The operator gave this run up; it will not be restarted. */
        ABANDONED
    }
}
