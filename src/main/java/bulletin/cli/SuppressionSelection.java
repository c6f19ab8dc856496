package bulletin.cli;

import bulletin.audience.SuppressionList;
import bulletin.text.Words;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * Which suppression entries a command is about: by reason, by the run whose feedback added them,
 * by date. {@code suppress list} shows them; {@code suppress remove} takes a whole batch back after
 * a mistake (a relay's bad day that bounced a provider's members, say).
 */
final class SuppressionSelection {

    @Option(names = "--reason", paramLabel = "REASON")
    SuppressionList.Reason reason;

    @Option(names = "--run", paramLabel = "RUN")
    Long run;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD")
    LocalDate since;

    boolean any() {
        return reason != null || run != null || since != null;
    }

    Predicate<SuppressionList.Entry> matches() {
        return entry -> (reason == null || entry.reason() == reason)
                && (run == null || run.equals(entry.runId()))
                && (since == null || !entry.addedAt().atZone(ZoneOffset.UTC).toLocalDate().isBefore(since));
    }

    /** The selection in words, for the summary line: "BOUNCED from run 12 since 2026-11-01". */
    String describe(Words words) {
        return ((reason == null ? "" : reason + " ") + (run == null ? "" : words.format("suppress.from-run", run) + " ")
                + (since == null ? "" : words.format("suppress.since", since))).strip();
    }
}
