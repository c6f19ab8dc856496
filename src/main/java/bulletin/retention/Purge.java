package bulletin.retention;

import bulletin.feedback.FeedbackRetention;
import bulletin.home.Workspace;
import bulletin.ledger.PersonalRows;
import bulletin.ledger.Runs;
import bulletin.ledger.SendEvents;
import bulletin.text.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes what identifies people from finished runs older than a cutoff: their ledger rows'
 * addresses, names and relay words (the states stay, so the counts do), what came back from them
 * (feedback), their outbox messages, report files and one-off job files; test copies, unsubscribe
 * confirmations and previews last written before the cutoff. Kept whatever their age: the suppression
 * list (it protects those who asked not to be mailed) and every run that may still be resumed.
 * Planned first, so that a dry run says exactly what the purge would remove; a second purge
 * finds nothing left.
 */
@Component
public class Purge {

    /** Runs whose last attempt ended this way are finished; any other may still be resumed. */
    private static final Set<String> FINISHED = Set.of("COMPLETED", "ABANDONED");

    /** A run as the caller knows it: its state and when its last attempt ended (null: never). */
    public record Candidate(long runId, String campaign, String period, String status, Instant ended) {
    }

    /** What the purge removes from one run. */
    public record RunPurge(Candidate run, long rows, long feedbackRows, List<Path> files) {
    }

    /** An old run the purge leaves alone, and why. */
    public record Kept(Candidate run, Sentence why) {
    }

    /** Everything a purge removes, counted before anything is. */
    public record Plan(Instant cutoff, List<RunPurge> runs, List<Kept> kept, long feedbackMessages, List<Path> looseFiles) {

        public boolean isEmpty() {
            return runs.isEmpty() && feedbackMessages == 0 && looseFiles.isEmpty();
        }

        public long rows() {
            return runs.stream().mapToLong(RunPurge::rows).sum();
        }

        public long files() {
            return runs.stream().mapToLong(run -> run.files().size()).sum();
        }
    }

    private final Runs runs;
    private final PersonalRows people;
    private final FeedbackRetention feedback;
    private final SendEvents events;
    private final Workspace workspace;
    private final TransactionTemplate transaction;

    Purge(Runs runs, PersonalRows people, FeedbackRetention feedback, SendEvents events, Workspace workspace,
          PlatformTransactionManager transactions) {
        this.runs = runs;
        this.people = people;
        this.events = events;
        this.feedback = feedback;
        this.workspace = workspace;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Plan plan(List<Candidate> runs, Instant cutoff) {
        // A campaign's period shares one outbox folder between its runs (a new run after an
        // abandoned one): the folder goes only when no run of that period is kept.
        Set<String> periodsKept = new HashSet<>();
        for (Candidate run : runs) {
            if (!purgeable(run, cutoff)) {
                periodsKept.add(run.campaign() + "\n" + run.period());
            }
        }
        List<Path> reportFiles = reportFiles();
        List<RunPurge> purged = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (Candidate run : runs) {
            if (run.ended() == null || !run.ended().isBefore(cutoff)) {
                if (run.ended() == null && run.status() != null && !FINISHED.contains(run.status())) {
                    kept.add(new Kept(run, Sentence.of("purge.kept.resumable", run.status())));
                }
                continue;
            }
            if (!FINISHED.contains(run.status())) {
                kept.add(new Kept(run, Sentence.of("purge.kept.abandon-first", run.status(), run.runId())));
                continue;
            }
            RunPurge purge = new RunPurge(run, people.rowsNamingPeople(run.runId()), feedback.rowsOf(run.runId()),
                    filesOf(run, !periodsKept.contains(run.campaign() + "\n" + run.period()), reportFiles));
            if (purge.rows() > 0 || purge.feedbackRows() > 0 || !purge.files().isEmpty()) {
                purged.add(purge);
            }
        }
        return new Plan(cutoff, purged, kept, feedback.messagesWithWordsBefore(cutoff), looseFilesBefore(cutoff));
    }

    /**
     * Files that belong to no run, last written before the cutoff: test copies and unsubscribe
     * confirmations the outbox relay wrote, and previews in the default preview folder.
     */
    private List<Path> looseFilesBefore(Instant cutoff) {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(workspace.outbox().resolve("tests"), workspace.outbox().resolve("confirmations"),
                workspace.resolve("preview"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(folder)) {
                for (Path file : tree.filter(Files::isRegularFile).sorted().toList()) {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        files.add(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return files;
    }

    private static boolean purgeable(Candidate run, Instant cutoff) {
        return run.ended() != null && run.ended().isBefore(cutoff) && FINISHED.contains(run.status());
    }

    /** Does what the plan says; each run's database part in one transaction, then its files. */
    public void apply(Plan plan) {
        for (RunPurge run : plan.runs()) {
            transaction.executeWithoutResult(status -> {
                people.forgetPeople(run.run().runId());
                events.forgetWords(run.run().runId());
                feedback.forgetRun(run.run().runId());
            });
            for (Path file : run.files()) {
                delete(file);
            }
        }
        for (Path file : plan.looseFiles()) {
            delete(file);
        }
        feedback.forgetWordsBefore(plan.cutoff());
        people.compact(); // the database files forget them too, not only its tables
    }

    /**
     * The run's outbox folder (its messages and envelopes) when no kept run shares it, its report
     * files, and its job file when it was a one-off (written by Bulletin, it may list addresses).
     */
    private List<Path> filesOf(Candidate run, boolean withOutbox, List<Path> reportFiles) {
        List<Path> files = new ArrayList<>();
        runs.findRun(run.runId()).map(found -> workspace.resolve(found.jobFile()))
                .filter(job -> job.toAbsolutePath().normalize().startsWith(
                        workspace.oneOffJobs().toAbsolutePath().normalize()))
                .filter(Files::isRegularFile).ifPresent(job -> {
                    files.add(job);
                    // Its bare addresses, written beside it (see cli.OneOffJob).
                    Path addresses = Workspace.oneOffAddresses(job);
                    if (Files.isRegularFile(addresses)) {
                        files.add(addresses);
                    }
                });
        Path outbox = workspace.periodOutbox(run.campaign(), run.period());
        if (withOutbox && Files.isDirectory(outbox)) {
            files.add(outbox);
        }
        reportFiles.stream().filter(file -> Workspace.isRunReportFile(file, run.campaign(), run.period(), run.runId()))
                .forEach(files::add);
        return files;
    }

    /** The reports folder, listed once for the whole plan rather than once per run. */
    private List<Path> reportFiles() {
        Path reports = workspace.reports();
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(reports)) {
            return listed.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + reports, e);
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }
}
