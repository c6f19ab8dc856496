package bulletin.cli;

import bulletin.audience.Printable;
import bulletin.audience.SuppressionList;
import bulletin.home.Locality;
import bulletin.text.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code suppress add|remove|list|import}: addresses never to mail again. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "suppress", mixinStandardHelpOptions = true,
        subcommands = {SuppressCommand.Add.class, SuppressCommand.Remove.class, SuppressCommand.ListAll.class,
                SuppressCommand.Import.class})
class SuppressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.BAD_INPUT;
    }

    @Component
    @Scope("prototype")
    @Command(name = "add", mixinStandardHelpOptions = true)
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ADDRESS", descriptionKey = "ADDRESS", arity = "1..*")
        List<String> addresses;

        @Option(names = "--reason", defaultValue = "MANUAL")
        SuppressionList.Reason reason;

        @Option(names = "--note")
        String note;

        private final SuppressionList list;
        private final Words words;

        Add(SuppressionList list, Locality locality) {
            this.list = list;
            this.words = locality.words();
        }

        @Override
        public Integer call() {
            return addAll(spec, list, addresses.stream().map(address -> new Candidate(address, null)).toList(), reason, note,
                    words.get("suppress.from-command-line"), words);
        }
    }

    @Component
    @Scope("prototype")
    @Command(name = "remove", mixinStandardHelpOptions = true)
    static class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ADDRESS", descriptionKey = "ADDRESS", arity = "0..*")
        List<String> addresses = List.of();

        @picocli.CommandLine.Mixin
        SuppressionSelection selection;

        @Option(names = "--dry-run")
        boolean dryRun;

        private final SuppressionList list;
        private final Words words;

        Remove(SuppressionList list, Locality locality) {
            this.list = list;
            this.words = locality.words();
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (addresses.isEmpty() == !selection.any()) {
                spec.commandLine().getErr().println("bulletin: " + words.get("suppress.remove-what"));
                spec.commandLine().getErr().flush();
                return ExitCodes.BAD_INPUT;
            }
            if (selection.any()) {
                return removeBatch(out);
            }
            int missing = 0;
            for (String address : addresses) {
                if (list.remove(address)) {
                    out.println(words.format("suppress.removed", address));
                } else {
                    out.println(words.format("suppress.not-listed", address));
                    missing++;
                }
            }
            out.flush();
            return missing == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }

        private int removeBatch(PrintWriter out) {
            List<SuppressionList.Entry> batch = list.list().stream().filter(selection.matches()).toList();
            for (SuppressionList.Entry entry : batch) {
                if (dryRun) {
                    out.println(words.format("suppress.would-remove", entry.address(), entry.reason(), entry.note()));
                } else if (list.remove(entry.address())) {
                    out.println(words.format("suppress.removed-why", entry.address(), entry.reason()));
                }
            }
            out.println(words.format(dryRun ? "suppress.batch-dry-run" : "suppress.batch-removed", batch.size(),
                    selection.describe(words)));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Component
    @Scope("prototype")
    @Command(name = "list", mixinStandardHelpOptions = true)
    static class ListAll implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        SuppressionSelection selection;

        private final SuppressionList list;
        private final Words words;

        ListAll(SuppressionList list, Locality locality) {
            this.list = list;
            this.words = locality.words();
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<SuppressionList.Entry> entries = list.list().stream().filter(selection.matches()).toList();
            if (!entries.isEmpty()) {
                out.printf("%-40s %-12s %-10s %-6s %-20s %s%n", words.get("suppress.h.address"), words.get("suppress.h.reason"),
                        words.get("suppress.h.since"), words.get("suppress.h.run"), words.get("suppress.h.from"),
                        words.get("suppress.h.why"));
            }
            for (SuppressionList.Entry entry : entries) {
                out.printf("%-40s %-12s %-10s %-6s %-20s %s%n", entry.address(), entry.reason(),
                        entry.addedAt().toString().substring(0, 10), entry.runId() == null ? "" : entry.runId(),
                        entry.source() == null ? words.get("suppress.by-hand") : entry.source(),
                        entry.note() == null ? "" : entry.note());
            }
            out.println(words.format(entries.size() == 1 ? "suppress.count.one" : "suppress.count.many", entries.size()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Component
    @Scope("prototype")
    @Command(name = "import", mixinStandardHelpOptions = true)
    static class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", descriptionKey = "FILE")
        Path file;

        @Option(names = "--reason", defaultValue = "UNSUBSCRIBED")
        SuppressionList.Reason reason;

        private final SuppressionList list;
        private final Words words;

        Import(SuppressionList list, Locality locality) {
            this.list = list;
            this.words = locality.words();
        }

        @Override
        public Integer call() {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), words.format("suppress.no-file", file));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), words.format("suppress.unreadable", file, e.getMessage()));
            }
            // What could be imported is imported; a line that is not an address is named and skipped,
            // and the import still succeeds (exit 0): the operator fixes those lines and imports again.
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    candidates.add(new Candidate(line, file + ":" + (i + 1)));
                }
            }
            addAll(spec, list, candidates, reason, null, file.toString(), words);
            return ExitCodes.OK;
        }
    }

    /** An address to suppress, and where it was read ("file:line"), or null from the command line. */
    record Candidate(String address, String where) {
    }

    /** Suppresses what can be; names each one that is not an address. Exit 2 when one was skipped. */
    static int addAll(CommandSpec spec, SuppressionList list, List<Candidate> candidates, SuppressionList.Reason reason,
                      String note, String from, Words words) {
        PrintWriter out = spec.commandLine().getOut();
        int added = 0;
        int rejected = 0;
        for (Candidate candidate : candidates) {
            if (list.add(candidate.address(), reason, note)) {
                added++;
            } else {
                out.println(candidate.where() == null ? words.format("suppress.not-address", Printable.of(candidate.address()))
                        : words.format("suppress.not-address-at", candidate.where(), Printable.of(candidate.address())));
                rejected++;
            }
        }
        out.println(words.format(added == 1 ? "suppress.added.one" : "suppress.added.many", added,
                reason.name().toLowerCase(Locale.ROOT), from)
                + (rejected > 0 ? words.format("suppress.skipped", rejected) : ""));
        out.flush();
        return rejected == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
