package bulletin.cli;

import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import bulletin.text.Words;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end-of-run summary: what happened, counts per state, and what to do next, in the terminal's words. */
final class RunSummaryPrinter {

    private final PrintWriter out;
    private final Words words;

    RunSummaryPrinter(PrintWriter out, Words words) {
        this.out = out;
        this.words = words;
    }

    void print(RunResult result) {
        String what = words.format("summary.what", result.campaign(), result.period(), result.runId());
        switch (result.outcome()) {
            case COMPLETED -> out.println(words.format("summary.completed", what));
            case ALREADY_COMPLETED -> out.println(words.format("summary.already", what) + " "
                    + words.get(result.counts().allSent() ? "summary.already.another" : "summary.already.below"));
            case FAILED -> {
                out.println(words.format("summary.failed", what, result.problem(words)));
                if (result.problemIsInput()) {
                    out.println(words.get("summary.failed.input"));
                } else {
                    kept(result);
                    out.println(words.format("summary.failed.next", result.runId()));
                }
            }
            case STOPPED -> {
                out.println(words.format("summary.stopped", what, result.problem(words)));
                kept(result);
                out.println(words.format("summary.stopped.next", result.runId()));
            }
            case ABANDONED -> out.println(words.format("summary.abandoned", what,
                    result.jobFile() == null ? "JOB.yml" : result.jobFile(), result.period()));
        }
        if (result.relay() != null) {
            out.println(words.format("summary.relay", result.relay()));
        }
        out.println();
        out.printf("  %-11s %8s%n", words.get("summary.state"), words.get("summary.count"));
        for (DeliveryStatus status : DeliveryStatus.values()) {
            long count = result.counts().get(status);
            if (count > 0) {
                out.printf("  %-11s %8d%n", status, count);
            }
        }
        out.printf("  %-11s %8d%n", words.get("summary.total"), result.counts().total());
        if (result.audit() != null) {
            out.println();
            out.println(result.auditAbove() == 0 ? words.format("summary.audit", result.audit())
                    : words.format("summary.audit-above", result.audit(), result.auditAbove() + 1, result.runId()));
            Path page = result.reportPage();
            if (Files.exists(page)) {
                out.println(words.format("summary.report", page));
            }
        }
        if (result.sentCopy() != null) {
            out.println(words.format("summary.sent-copy", result.sentCopy()));
        }
        if (result.feedback() != null) {
            out.println(words.format("summary.feedback", result.feedback()));
        }
        if (result.outcome() == RunResult.Outcome.COMPLETED || result.outcome() == RunResult.Outcome.ALREADY_COMPLETED) {
            notSent(result, DeliveryStatus.REFUSED, null);
            notSent(result, DeliveryStatus.FAILED, "--resend-failed");
            notSent(result, DeliveryStatus.IN_DOUBT, "--resend-in-doubt");
        }
    }

    /** What stands after a run that did not finish: nobody is lost, and who waits. Every state with someone in it is named. */
    private void kept(RunResult result) {
        if (result.counts().total() == 0) {
            return;
        }
        StringBuilder kept = new StringBuilder(words.format("summary.kept", result.counts().get(DeliveryStatus.SENT),
                result.counts().get(DeliveryStatus.PENDING)));
        for (DeliveryStatus state : new DeliveryStatus[] {DeliveryStatus.IN_DOUBT, DeliveryStatus.SENDING,
                DeliveryStatus.REFUSED, DeliveryStatus.FAILED}) {
            long count = result.counts().get(state);
            if (count > 0) {
                kept.append(", ").append(words.format("summary.kept." + state, count));
            }
        }
        out.println(kept.append(words.get("summary.kept.end")));
    }

    private void notSent(RunResult result, DeliveryStatus state, String resendOption) {
        long count = result.counts().get(state);
        if (count == 0) {
            return;
        }
        out.println(words.format("summary.not-sent." + state, count, result.runId())
                + (resendOption == null ? "." : words.format("summary.not-sent.again", result.runId(), resendOption)));
    }
}
