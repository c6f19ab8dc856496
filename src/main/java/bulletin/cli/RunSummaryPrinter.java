package bulletin.cli;

import bulletin.audit.DeliveryStatus;
import bulletin.batch.RunResult;
import java.io.PrintWriter;

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
            case ALREADY_COMPLETED -> out.println("Campaign " + what + " was already sent: nothing was sent now. "
                    + "To send it again, use another --period.");
            case FAILED -> out.println("Campaign " + what + " FAILED: " + result.problem()
                    + (result.problemIsInput() ? "\nNothing was sent. Fix the problem and run the same command again."
                    : "\nRun the same command again to resume where it stopped, or: bulletin restart " + result.runId()));
            case STOPPED -> out.println("Campaign " + what + " was stopped: " + result.problem()
                    + "\nRun the same command again to resume, or: bulletin restart " + result.runId());
            case ABANDONED -> out.println("Campaign " + what + " was abandoned by the operator; it will not be resumed.");
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
        }
        long failed = result.counts().get(DeliveryStatus.FAILED);
        long inDoubt = result.counts().get(DeliveryStatus.IN_DOUBT);
        if (failed + inDoubt > 0 && (result.outcome() == RunResult.Outcome.COMPLETED
                || result.outcome() == RunResult.Outcome.ALREADY_COMPLETED)) {
            out.println("Not sent: bulletin audit " + result.runId() + " --state " + (failed > 0 ? "FAILED" : "IN_DOUBT")
                    + " lists them; bulletin restart " + result.runId()
                    + (failed > 0 ? " --resend-failed" : " --resend-in-doubt") + " sends them again.");
        }
    }
}
