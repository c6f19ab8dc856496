package bulletin.cli;

import bulletin.audience.Printable;
import bulletin.audience.SuppressionList;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
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

        Add(SuppressionList list) {
            this.list = list;
        }

        @Override
        public Integer call() {
            return addAll(spec, list, addresses.stream().map(address -> new Candidate(address, null)).toList(), reason, note,
                    "the command line");
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

        Remove(SuppressionList list) {
            this.list = list;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (addresses.isEmpty() == !selection.any()) {
                spec.commandLine().getErr().println("bulletin: suppress remove takes addresses, or a batch chosen by"
                        + " --reason, --run or --since (not both, not neither); nothing was removed.");
                spec.commandLine().getErr().flush();
                return ExitCodes.BAD_INPUT;
            }
            if (selection.any()) {
                return removeBatch(out);
            }
            int missing = 0;
            for (String address : addresses) {
                if (list.remove(address)) {
                    out.println("removed " + address);
                } else {
                    out.println("not on the list: " + address);
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
                    out.println("would remove " + entry.address() + " (" + entry.reason() + ": " + entry.note() + ")");
                } else if (list.remove(entry.address())) {
                    out.println("removed " + entry.address() + " (" + entry.reason() + ")");
                }
            }
            out.println((dryRun ? "Dry run: " + batch.size() + " would be removed" : batch.size() + " removed") + " ("
                    + selection.describe() + ")" + (dryRun ? "; nothing was changed." : "; the next run mails them again."));
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

        ListAll(SuppressionList list) {
            this.list = list;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<SuppressionList.Entry> entries = list.list().stream().filter(selection.matches()).toList();
            if (!entries.isEmpty()) {
                out.printf("%-40s %-12s %-10s %-6s %-20s %s%n", "address", "reason", "since", "run", "from", "why");
            }
            for (SuppressionList.Entry entry : entries) {
                out.printf("%-40s %-12s %-10s %-6s %-20s %s%n", entry.address(), entry.reason(),
                        entry.addedAt().toString().substring(0, 10), entry.runId() == null ? "" : entry.runId(),
                        entry.source() == null ? "by hand" : entry.source(), entry.note() == null ? "" : entry.note());
            }
            out.println(entries.size() + " suppressed address" + (entries.size() == 1 ? "" : "es"));
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

        Import(SuppressionList list) {
            this.list = list;
        }

        @Override
        public Integer call() {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), file + ": no such file");
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), file + ": cannot be read as UTF-8 text: " + e.getMessage());
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
            addAll(spec, list, candidates, reason, null, file.toString());
            return ExitCodes.OK;
        }
    }

    /** An address to suppress, and where it was read ("file:line"), or null from the command line. */
    record Candidate(String address, String where) {
    }

    /** Suppresses what can be; names each one that is not an address. Exit 2 when one was skipped. */
    static int addAll(CommandSpec spec, SuppressionList list, List<Candidate> candidates, SuppressionList.Reason reason,
                      String note, String from) {
        PrintWriter out = spec.commandLine().getOut();
        int added = 0;
        int rejected = 0;
        for (Candidate candidate : candidates) {
            if (list.add(candidate.address(), reason, note)) {
                added++;
            } else {
                out.println((candidate.where() == null ? "" : candidate.where() + ": ") + "not an address, skipped: "
                        + Printable.of(candidate.address()));
                rejected++;
            }
        }
        out.println(added + " address" + (added == 1 ? "" : "es") + " suppressed (" + reason.name().toLowerCase()
                + ") from " + from + (rejected > 0 ? "; " + rejected + " skipped (named above)" : ""));
        out.flush();
        return rejected == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
