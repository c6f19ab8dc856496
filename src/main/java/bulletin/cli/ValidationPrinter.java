package bulletin.cli;

import bulletin.campaign.ValidationReport;
import bulletin.text.Words;
import java.io.PrintWriter;

/** Prints a dry run's findings: what would be sent, what would not and why, and what must be fixed. */
final class ValidationPrinter {

    private final PrintWriter out;
    private final Words words;

    ValidationPrinter(PrintWriter out, Words words) {
        this.out = out;
        this.words = words;
    }

    void print(ValidationReport report) {
        print(report, words.get("validation.mode.dry-run"));
    }

    /** @param mode what the command did and did not do, in parentheses after the verdict */
    void print(ValidationReport report, String mode) {
        String name = report.campaign() == null ? words.get("validation.the-job")
                : words.format("validation.campaign", report.campaign());
        out.println(words.format(report.sendable() ? "validation.sendable" : "validation.not-sendable", name, mode));
        if (report.subject() != null) {
            out.println(words.format("validation.subject", report.subject()));
        }
        report.letter().forEach(line -> out.println(line.in(words)));
        if (report.relay() != null) {
            out.println(words.format("validation.relay-line", report.relay().in(words)));
        }
        report.attachments().forEach(attachment -> out.println(words.format("validation.attached", attachment)));
        out.println();
        out.printf("  %-22s %8d%n", words.get("validation.would-be-sent"), report.recipients());
        out.printf("  %-22s %8d%n", words.get("validation.invalid"), report.invalid());
        out.printf("  %-22s %8d%n", words.get("validation.duplicates"), report.duplicates());
        out.printf("  %-22s %8d%n", words.get("validation.suppressed"), report.suppressed());
        if (!report.rejections().isEmpty()) {
            out.println();
            out.println(words.get("validation.rejected"));
            report.rejections().forEach(line -> out.println("  " + line.in(words)));
            long listed = report.rejections().size();
            long all = report.invalid() + report.duplicates() + report.suppressed();
            if (all > listed) {
                out.println("  " + words.format("validation.more", all - listed));
            }
        }
        if (!report.problems().isEmpty()) {
            out.println();
            out.println(words.get("validation.to-fix"));
            report.problems().forEach(problem -> out.println("  - " + problem.in(words)));
        }
    }
}
