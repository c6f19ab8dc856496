package bulletin.cli;

import bulletin.text.Words;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line picocli could not read, said in the terminal's words: picocli's own messages
 * are English only. Bulletin's commands throw their own {@link CommandLine.ParameterException}s
 * with a sentence already written; those are printed as they are.
 */
final class UsageErrors {

    private UsageErrors() {
    }

    static String say(CommandLine.ParameterException e, Words words) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            return words.format(first.startsWith("-") ? "usage.unknown-option" : "usage.unmatched", "'" + first + "'", command);
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            return words.format("usage.missing", missing.getMissing().stream()
                    // picocli lists a whole group of options that go together; the ones given are not missing
                    .filter(arg -> arg.required() && arg.originalStringValues().isEmpty()).map(UsageErrors::name)
                    .collect(Collectors.joining(", ")), command);
        }
        if (e.getClass() == CommandLine.ParameterException.class || e instanceof CommandLine.MutuallyExclusiveArgsException) {
            return e.getMessage(); // Bulletin's own sentence, or picocli's naming of the options that exclude each other
        }
        return words.format("usage.invalid", e.getMessage(), command);
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }
}
