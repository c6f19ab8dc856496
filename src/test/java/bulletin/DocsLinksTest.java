package bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the guides under docs/ send their readers to each other by links: each relative
 * link must name a file that exists and, after a {@code #}, a heading of that file (as GitHub
 * makes its anchor), so a section moved or renamed cannot leave a reader at a dead end.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkOfTheDocsLeadsToAFileAndAHeadingThatExist() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        assertThat(docs).contains(Path.of("docs/secretary.md"), Path.of("docs/operator.md"), Path.of("docs/developer.md"));
        List<String> dead = new ArrayList<>();
        int links = 0;
        for (Path doc : docs) {
            Matcher link = LINK.matcher(withoutCode(Files.readString(doc)));
            while (link.find()) {
                String target = link.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                Path file = hash == 0 ? doc : doc.resolveSibling(hash < 0 ? target : target.substring(0, hash)).normalize();
                if (!Files.exists(file)) {
                    dead.add(doc + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(file).contains(target.substring(hash + 1))) {
                    dead.add(doc + ": " + target + " (no such heading in " + file + ")");
                }
            }
        }
        assertThat(links).as("links read").isGreaterThan(20);
        assertThat(dead).as("dead links").isEmpty();
    }

    @Test
    void anAnchorIsTheHeadingAsGitHubWritesIt() {
        assertThat(anchor("Crashes, restarts and what `IN_DOUBT` means")).isEqualTo("crashes-restarts-and-what-in_doubt-means");
        assertThat(anchor("A letter written in Thunderbird")).isEqualTo("a-letter-written-in-thunderbird");
    }

    /** The anchors of a Markdown file's headings (fenced code is not a heading). */
    private static Set<String> anchors(Path file) throws IOException {
        return withoutCode(Files.readString(file)).lines().filter(line -> line.matches("#+ .*"))
                .map(line -> anchor(line.replaceFirst("#+ ", ""))).collect(Collectors.toSet());
    }

    /** GitHub's anchor: lower case, punctuation dropped (but - and _), spaces as -. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
    }

    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
