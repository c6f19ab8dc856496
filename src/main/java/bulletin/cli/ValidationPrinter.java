package bulletin.cli;

import bulletin.campaign.ValidationReport;
import java.io.PrintWriter;

/** Prints a dry run's findings: what would be sent, what would not and why, and what must be fixed. */
final class ValidationPrinter {

    private final PrintWriter out;

    ValidationPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(ValidationReport report) {
        print(report, "dry run: nothing was sent or written");
    }

    /** @param mode what the command did and did not do, in parentheses after the verdict */
    void print(ValidationReport report, String mode) {
        String name = report.campaign() == null ? "The job" : "Campaign " + report.campaign();
        out.println(report.sendable() ? name + " can be sent (" + mode + ")."
                : name + " cannot be sent as it is (" + mode + ").");
        if (report.subject() != null) {
            out.println("Subject: " + report.subject());
        }
        if (report.relay() != null) {
            out.println("Relay:   " + report.relay());
        }
        report.attachments().forEach(attachment -> out.println("Attached: " + attachment));
        out.println();
        out.printf("  %-22s %8d%n", "would be sent to", report.recipients());
        out.printf("  %-22s %8d%n", "invalid rows", report.invalid());
        out.printf("  %-22s %8d%n", "duplicate rows", report.duplicates());
        out.printf("  %-22s %8d%n", "suppressed addresses", report.suppressed());
        if (!report.rejections().isEmpty()) {
            out.println();
            out.println("Rows that will not be sent:");
            report.rejections().forEach(line -> out.println("  " + line));
            long listed = report.rejections().size();
            long all = report.invalid() + report.duplicates() + report.suppressed();
            if (all > listed) {
                out.println("  ... and " + (all - listed) + " more");
            }
        }
        if (!report.problems().isEmpty()) {
            out.println();
            out.println("To fix before sending:");
            report.problems().forEach(problem -> out.println("  - " + problem));
        }
    }
}
