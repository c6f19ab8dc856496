package bulletin.retention;

import bulletin.audience.SuppressionList;
import bulletin.feedback.FeedbackRetention;
import bulletin.files.OutboxFiles;
import bulletin.files.OwnerOnly;
import bulletin.home.Workspace;
import bulletin.ledger.PersonalRows;
import bulletin.ledger.SendEvents;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases one person at their request ({@code purge --address}): their rows in every run lose what
 * identifies them (a row still to send becomes SUPPRESSED), what came back about them goes, and
 * the files that name them are rewritten without them — audit reports, outbox envelopes — or
 * removed when they are theirs alone (a personal message in the outbox). Their suppression entry
 * stays unless asked: without it, a recipient file that still lists them would mail them again.
 */
@Component
public class PersonErasure {

    /** What erasing one address removes, counted before anything is. */
    public record Plan(String address, long rows, long feedbackRows, boolean suppressed, boolean alsoSuppression,
                       List<Path> rewritten, List<Path> removed, List<Path> byHand) {

        public boolean isEmpty() {
            return rows == 0 && feedbackRows == 0 && !(suppressed && alsoSuppression) && rewritten.isEmpty()
                    && removed.isEmpty();
        }
    }

    private final PersonalRows ledger;
    private final FeedbackRetention feedback;
    private final SuppressionList suppressions;
    private final SendEvents events;
    private final Workspace workspace;
    private final TransactionTemplate transaction;

    PersonErasure(PersonalRows ledger, FeedbackRetention feedback, SuppressionList suppressions, SendEvents events,
                  Workspace workspace, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.events = events;
        this.feedback = feedback;
        this.suppressions = suppressions;
        this.workspace = workspace;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Plan plan(String address, boolean alsoSuppression) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        List<Path> rewritten = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        for (Path report : files(workspace.reports(), ".csv")) {
            if (mentions(report, lower)) {
                rewritten.add(report);
            }
        }
        // A run report lists the unreached by name: it goes, and `bulletin report RUN` writes it again without them.
        for (Path page : files(workspace.reports(), ".html")) {
            if (mentions(page, lower)) {
                removed.add(page);
            }
        }
        for (Path envelope : files(workspace.outbox(), OutboxFiles.ENVELOPE)) {
            if (!mentions(envelope, lower)) {
                continue;
            }
            Path eml = OutboxFiles.messageOf(envelope);
            boolean alone = recipients(envelope).stream().allMatch(lower::equals);
            if (alone || (Files.exists(eml) && mentions(eml, lower))) {
                removed.add(envelope);
                if (Files.exists(eml)) {
                    removed.add(eml);
                }
            } else {
                rewritten.add(envelope);
            }
        }
        // A one-off's bare addresses (NAME.addresses.txt, written by Bulletin): rewritten without theirs.
        for (Path list : files(workspace.oneOffJobs(), Workspace.ONE_OFF_ADDRESSES)) {
            if (mentions(list, lower)) {
                rewritten.add(list);
            }
        }
        // One-off job files list the addresses they were given: a person's way of being mailed, edited by hand.
        List<Path> byHand = files(workspace.oneOffJobs(), ".yml").stream()
                .filter(job -> mentions(job, lower)).toList();
        return new Plan(address.strip(), ledger.rowsOfAddress(address), feedback.rowsOfAddress(address),
                suppressions.isSuppressed(address), alsoSuppression, rewritten, removed, byHand);
    }

    public void apply(Plan plan) {
        transaction.executeWithoutResult(status -> {
            ledger.forgetAddress(plan.address());
            feedback.forgetAddress(plan.address());
            events.forgetAddress(plan.address());
            if (plan.alsoSuppression()) {
                suppressions.remove(plan.address());
            }
        });
        String lower = plan.address().toLowerCase(Locale.ROOT);
        for (Path file : plan.rewritten()) {
            if (file.getFileName().toString().endsWith(".csv")) {
                rewriteReport(file, lower);
            } else if (file.getFileName().toString().endsWith(Workspace.ONE_OFF_ADDRESSES)) {
                rewriteLines(file, lower);
            } else {
                rewriteEnvelope(file, lower);
            }
        }
        for (Path file : plan.removed()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
            }
        }
        ledger.compact(); // the database files forget them too, not only its tables
    }

    /** A file of one address a line, without theirs. */
    private static void rewriteLines(Path file, String lower) {
        StringBuilder kept = new StringBuilder();
        read(file).lines().filter(line -> !line.strip().toLowerCase(Locale.ROOT).equals(lower))
                .forEach(line -> kept.append(line).append('\n'));
        try {
            OwnerOnly.replaceString(file, kept.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            return tree.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static boolean mentions(Path file, String lower) {
        return read(file).toLowerCase(Locale.ROOT).contains(lower);
    }

    private static List<String> recipients(Path envelope) {
        return read(envelope).lines().filter(line -> line.startsWith("RCPT TO:<"))
                .map(line -> line.substring("RCPT TO:<".length(), line.length() - 1).toLowerCase(Locale.ROOT)).toList();
    }

    private static void rewriteEnvelope(Path envelope, String lower) {
        StringBuilder kept = new StringBuilder();
        read(envelope).lines().filter(line -> !line.equalsIgnoreCase("RCPT TO:<" + lower + ">"))
                .forEach(line -> kept.append(line).append('\n'));
        write(envelope, kept.toString());
    }

    /** The audit without the person's records; parsed, since a relay's words may span lines. */
    private static void rewriteReport(Path report, String lower) {
        CSVFormat in = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        StringWriter out = new StringWriter();
        try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8);
             var parser = in.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                    .setHeader(header.toArray(String[]::new)).get())) {
                for (CSVRecord record : parser) {
                    boolean theirs = record.isMapped("address") && record.get("address").strip().equalsIgnoreCase(lower);
                    if (!theirs) {
                        printer.printRecord(record.values());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + report + ": " + e.getMessage(), e);
        }
        write(report, out.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Written beside, then moved over: a crash leaves the old file or the new, never half of one. */
    private static void write(Path file, String text) {
        try {
            OwnerOnly.replaceString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
