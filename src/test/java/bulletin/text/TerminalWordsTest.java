package bulletin.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The terminal's two languages say the same things: every English sentence has its French one
 * with the same values, and every key the code names is in the words. A sentence added in the
 * code without its words, or in one language only, fails here rather than in front of the secretary.
 */
class TerminalWordsTest {

    /** A key the terminal's words must have, wherever it is named; a key ending with '.' is a family the code completes. */
    private static final Pattern SENTENCE_KEY = Pattern.compile(
            "(?:Sentence\\.of|TerminalWords\\.key)\\(\\s*\"([a-z][a-z0-9.-]*[a-z0-9])\"");
    /** A key looked up in a Words: the terminal's, but in report/ and notify/, which have words of their own. */
    private static final Pattern WORDS_KEY = Pattern.compile("words\\(?\\)?\\.(?:get|format)\\(\\s*\"([a-z][a-z0-9.-]*[a-z0-9])\"");
    private static final Pattern VALUE = Pattern.compile("\\{(\\d+)}");

    @Test
    void frenchSaysEverySentenceOfEnglishWithTheSameValues() throws IOException {
        for (String bundle : new String[] {"terminal/words", "terminal/help"}) {
            Properties english = load(bundle + ".properties");
            Properties french = load(bundle + "_fr.properties");
            Set<String> untranslated = new TreeSet<>(english.stringPropertyNames());
            untranslated.removeAll(french.stringPropertyNames());
            // Said the same in both languages: a value alone, or punctuation around values.
            untranslated.removeIf(key -> english.getProperty(key).replaceAll("\\{\\d+}", "").matches("[\\s\\p{Punct}—]*"));
            assertThat(untranslated).as("%s: keys without French", bundle).isEmpty();
            Set<String> unknown = new TreeSet<>(french.stringPropertyNames());
            unknown.removeAll(english.stringPropertyNames());
            assertThat(unknown).as("%s: French keys English lacks", bundle).isEmpty();
            for (String key : french.stringPropertyNames()) {
                assertThat(values(french.getProperty(key))).as("%s: the values of %s", bundle, key)
                        .isEqualTo(values(english.getProperty(key)));
            }
        }
    }

    @Test
    void noKeyIsWrittenTwiceInOneFile() throws IOException {
        for (String file : new String[] {"words", "words_fr", "help", "help_fr"}) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("src/main/resources/terminal", file + ".properties"))) {
                if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    String key = line.substring(0, line.indexOf('=')).strip();
                    if (!seen.add(key)) {
                        twice.add(key); // Properties would keep the last silently
                    }
                }
            }
            assertThat(twice).as(file).isEmpty();
        }
    }

    @Test
    void everyKeyTheCodeNamesHasItsWords() throws IOException {
        Properties english = load("terminal/words.properties");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                boolean ownWords = source.toString().contains("/report/") || source.toString().contains("/notify/");
                for (Pattern pattern : ownWords ? List.of(SENTENCE_KEY) : List.of(SENTENCE_KEY, WORDS_KEY)) {
                    Matcher key = pattern.matcher(code);
                    while (key.find()) {
                        if (!english.containsKey(key.group(1))) {
                            missing.add(source.getFileName() + ": " + key.group(1));
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void aSentenceIsSaidInTheWordsLanguageAndItsValuesToo() {
        Sentence nested = Sentence.of("summary.failed", "lettre 2026-11 (envoi 3)", Sentence.of("relay.connection-refused", "down"));

        assertThat(nested.in(TerminalWords.in(Locale.FRANCE))).isEqualTo("La campagne lettre 2026-11 (envoi 3) a ÉCHOUÉ :"
                + " impossible de se connecter au relais down : la connexion a été refusée (rien n'écoute sur ce port, ou un"
                + " pare-feu)");
        assertThat(nested.english()).startsWith("Campaign lettre 2026-11 (envoi 3) FAILED: cannot connect to relay down:");
        // A language without its own file, on a machine set to French: English, the bundle's base, never the machine's.
        Locale machine = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            assertThat(Sentence.of("stop.at-once").in(TerminalWords.in(Locale.GERMAN))).isEqualTo("quitting at once");
            assertThat(Sentence.of("stop.at-once").in(TerminalWords.in(Locale.ENGLISH))).isEqualTo("quitting at once");
        } finally {
            Locale.setDefault(machine);
        }
    }

    private static Set<String> values(String text) {
        Set<String> values = new TreeSet<>();
        Matcher value = VALUE.matcher(text);
        while (value.find()) {
            values.add(value.group(1));
        }
        return values;
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TerminalWordsTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
