package bulletin.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One sentence for the operator, kept as its words' key and its values until someone reads it:
 * the terminal writes it in {@code bulletin.locale}'s language ({@code terminal/words*.properties}),
 * the log file and an exception's message in English. A value may be a sentence itself (the
 * cause named after a colon), written in the same language.
 */
public record Sentence(String key, List<Object> args) {

    /** The terminal's words, in English: the language of the log file and of exception messages. */
    private static final Words ENGLISH = Words.of(TerminalWords.BUNDLE, Locale.ROOT);

    public Sentence {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args.stream().map(arg -> arg == null ? "" : arg).toList());
    }

    public static Sentence of(String key, Object... args) {
        return new Sentence(key, Arrays.asList(args));
    }

    /** {@code first; next}, or {@code next} alone when there is no first: the parts of one sentence. */
    public static Sentence then(Sentence first, Sentence next) {
        return first == null ? next : of("parts", first, next);
    }

    /** The sentence in these words' language (a key their language lacks is said in English, the bundle's base). */
    public String in(Words words) {
        return words.format(key, args.toArray());
    }

    /** The sentence in English, as the log file and stack traces keep it. */
    public String english() {
        return in(ENGLISH);
    }

    @Override
    public String toString() {
        return english();
    }
}
