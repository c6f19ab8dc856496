package bulletin.text;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * Words for the association to read, in {@code bulletin.locale}'s language: a bundle of UTF-8
 * properties ({@code report/words_fr.properties}, {@code notify/words_fr.properties}), English for a
 * language without its own file. The JVM's own locale never chooses them: a French association
 * reads French on an English server.
 */
public final class Words {

    private final ResourceBundle bundle;

    private Words(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** @param baseName the bundle, e.g. {@code report.words} for {@code report/words*.properties} */
    public static Words of(String baseName, Locale locale) {
        return new Words(ResourceBundle.getBundle(baseName, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The language the words are in (English when the locale's has no file): the page's and its dates'. */
    public Locale locale() {
        return bundle.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : bundle.getLocale();
    }

    public String get(String key) {
        return bundle.getString(key);
    }

    /** The words of a key that may have none (a state or reason newer than the words): then {@code otherwise}. */
    public String get(String key, String otherwise) {
        return bundle.containsKey(key) ? bundle.getString(key) : otherwise;
    }

    /**
     * The words with {0}, {1}... replaced (no MessageFormat: its quoting would eat French
     * apostrophes); a value that is a {@link Sentence} is said in these words too.
     */
    public String format(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) {
            String value = args[i] instanceof Sentence sentence ? sentence.in(this) : String.valueOf(args[i]);
            text = text.replace("{" + i + "}", value);
        }
        return text;
    }

    /** KEY_one or KEY_other with the count in {0}; French counts 0 and 1 as one, English only 1. */
    public String count(String key, long n) {
        boolean one = "fr".equals(locale().getLanguage()) ? n < 2 : n == 1;
        return format(key + (one ? "_one" : "_other"), n);
    }

    /** Every word, for the page's template ({{t.KEY}}). */
    public Map<String, String> all() {
        Map<String, String> all = new TreeMap<>();
        bundle.keySet().forEach(key -> all.put(key, bundle.getString(key)));
        return all;
    }
}
