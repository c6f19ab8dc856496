package bulletin.cli;

import bulletin.campaign.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end-of-run summary: what happened, counts per state, and what to do next. */
final class RunSummaryPrinter {

    private final PrintWriter out;

    RunSummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(RunResult result) {
        String what = result.campaign() + " " + result.period() + " (run " + result.runId() + ")";
        switch (result.outcome()) {
            case COMPLETED -> out.println("Campaign " + what + " completed.");
            case ALREADY_COMPLETED -> out.println("Campaign " + what + " was already sent: nothing was sent now."
                    + (result.counts().allSent() ? " Another month is another --period."
                    : " Who it did not reach, and how to send to them, is below."));
            case FAILED -> {
                out.println("Campaign " + what + " FAILED: " + result.problem());
                if (result.problemIsInput()) {
                    out.println("Nothing was sent. Fix the problem and run the same command again.");
                } else {
                    kept(result);
                    out.println("Run the same command again to resume where it stopped, or: bulletin restart " + result.runId()
                            + " (the details are in data/logs/)");
                }
            }
            case STOPPED -> {
                out.println("Campaign " + what + " was stopped: " + result.problem());
                kept(result);
                out.println("Run the same command again to resume, or: bulletin restart " + result.runId());
            }
            case ABANDONED -> out.println("Campaign " + what + " was abandoned by the operator; it will not be resumed."
                    + "\nTo send this period after all, to those it did not reach (nobody it mailed is mailed again): bulletin send "
                    + (result.jobFile() == null ? "JOB.yml" : result.jobFile()) + " --period " + result.period() + " --new-run");
        }
        if (result.relay() != null) {
            out.println("Relay: " + result.relay());
        }
        out.println();
        out.printf("  %-11s %8s%n", "state", "count");
        for (DeliveryStatus status : DeliveryStatus.values()) {
            long count = result.counts().get(status);
            if (count > 0) {
                out.printf("  %-11s %8d%n", status, count);
            }
        }
        out.printf("  %-11s %8d%n", "total", result.counts().total());
        if (result.report() != null) {
            out.println();
            out.println("Audit: " + result.report());
            Path page = Workspace.reportPage(Path.of(result.report()));
            if (Files.exists(page)) {
                out.println("Report: " + page + " (open it in a browser)");
            }
        }
        if (result.sentCopy() != null) {
            out.println("Sent copy: " + result.sentCopy());
        }
        if (result.feedback() != null) {
            out.println("Feedback: " + result.feedback() + " (bulletin suppress list says who and why)");
        }
        if (result.outcome() == RunResult.Outcome.COMPLETED || result.outcome() == RunResult.Outcome.ALREADY_COMPLETED) {
            notSent(result, DeliveryStatus.REFUSED, "refused for good by the relay (its words are in the audit)", null);
            notSent(result, DeliveryStatus.FAILED, "not delivered after the retries", "--resend-failed");
            notSent(result, DeliveryStatus.IN_DOUBT, "their message's answer was lost: the relay may have taken it",
                    "--resend-in-doubt");
        }
    }

    /** What stands after a run that did not finish: nobody is lost, and who waits. Every state with someone in it is named. */
    private void kept(RunResult result) {
        if (result.counts().total() == 0) {
            return;
        }
        StringBuilder kept = new StringBuilder("Kept: ").append(result.counts().get(DeliveryStatus.SENT)).append(" sent, ")
                .append(result.counts().get(DeliveryStatus.PENDING)).append(" still to send");
        keptPart(kept, result, DeliveryStatus.IN_DOUBT, "in doubt");
        keptPart(kept, result, DeliveryStatus.SENDING, "being sent when it stopped (the next attempt finds them in doubt)");
        keptPart(kept, result, DeliveryStatus.REFUSED, "refused by the relay");
        keptPart(kept, result, DeliveryStatus.FAILED, "failed after the retries");
        out.println(kept.append("; nobody is mailed twice when it goes on."));
    }

    private static void keptPart(StringBuilder kept, RunResult result, DeliveryStatus state, String words) {
        long count = result.counts().get(state);
        if (count > 0) {
            kept.append(", ").append(count).append(' ').append(words);
        }
    }

    private void notSent(RunResult result, DeliveryStatus state, String why, String resendOption) {
        long count = result.counts().get(state);
        if (count == 0) {
            return;
        }
        out.println("Not sent: " + count + " " + state + ", " + why + ". bulletin audit " + result.runId() + " --state "
                + state + " lists them" + (resendOption == null ? "." : "; bulletin restart " + result.runId() + " "
                + resendOption + " sends them again."));
    }
}
