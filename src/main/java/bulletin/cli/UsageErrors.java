package bulletin.cli;

import bulletin.text.Words;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        if (e instanceof CommandLine.MutuallyExclusiveArgsException) {
            Matcher names = EXCLUSIVE.matcher(String.valueOf(e.getMessage()));
            return names.find() ? words.format("usage.exclusive", names.group(1), command) : e.getMessage();
        }
        if (e.getClass() == CommandLine.ParameterException.class) {
            return e.getMessage(); // Bulletin's own sentence, already in the terminal's words
        }
        return words.format("usage.invalid", e.getMessage(), command);
    }

    /** picocli's words for options given together that exclude each other: "Error: --a, --b=X are mutually exclusive …". */
    private static final Pattern EXCLUSIVE = Pattern.compile("(?:Error: )?(.*?) are mutually exclusive");

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }
}
