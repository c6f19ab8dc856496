package bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command is CI's, and on a machine where it cannot install what the full suite
 * needs it stops at once with one sentence naming each package, before any test.
 */
class TestCommandsTest {

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("Run the whole test suite[^\\n]*\\n\\n```sh\\n([^\\n]+)\\n```").matcher(readme);
        assertThat(block.find()).as("the README's test command block").isTrue();
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("set ") && !line.startsWith("cd "))
                .toList();

        assertThat(block.group(1)).isEqualTo("bin/test-suite");
        assertThat(ci).containsExactly("exec " + block.group(1));
    }

    /** A machine without Chromium, SpamAssassin or apt-get: only bash and the two commands the script uses. */
    @Test
    void withoutAWayToInstallTheToolsItStopsAtOnceNamingEachPackage(@TempDir Path bin) throws Exception {
        for (String tool : List.of("bash", "dirname", "id")) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        ProcessBuilder script = new ProcessBuilder("bin/test-suite").redirectErrorStream(true);
        script.environment().put("PATH", bin.toString());
        Process process = script.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(said).isEqualTo(2);
        assertThat(said.strip().lines()).as("one sentence").hasSize(1);
        assertThat(said).contains("chromium").contains("spamassassin").contains("apt-get install")
                .contains("./mvnw -B test").doesNotContain("[INFO]");
    }

    private static Path which(String tool) throws Exception {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath();
            }
        }
        throw new AssertionError(tool + " is not on this machine's PATH");
    }
}
