package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.home.Locality;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The command reference in docs/commands/ is picocli's own AsciiDoc man page of each command, made
 * from the commands' annotations and the English help (terminal/help.properties): this test makes
 * it again and fails when the committed pages differ, so the reference cannot drift from the code.
 * {@code -Dcommand-reference.write} writes the pages instead (then commit them).
 */
class CommandReferenceTest {

    static final Path REFERENCE = Path.of("docs/commands");

    @Test
    void theCommittedReferenceIsWhatPicocliMakesOfTheCommands(@TempDir Path made) throws IOException {
        generate(made);
        if (System.getProperty("command-reference.write") != null) {
            generate(REFERENCE);
        }
        Map<String, String> expected = pages(made);
        assertThat(expected).containsKeys("bulletin.adoc", "bulletin-send.adoc", "bulletin-restart.adoc",
                "bulletin-database-copy.adoc");
        assertThat(pages(REFERENCE))
                .as("docs/commands/ is out of date with the commands: run ./mvnw -q test -Dtest=CommandReferenceTest"
                        + " -Dcommand-reference.write and commit docs/commands/")
                .isEqualTo(expected);
    }

    @Test
    void eachPageSaysTheCommandsOwnHelpNotAKey() throws IOException {
        Path made = Files.createTempDirectory("commands");
        generate(made);
        String send = Files.readString(made.resolve("bulletin-send.adoc"));
        assertThat(send).contains("Send a campaign for a period, or resume the period's failed run.")
                .contains("--dry-run").contains("The job file, e.g. jobs/monthly.yml.");
        assertThat(Files.readString(made.resolve("bulletin.adoc"))).contains("xref:bulletin-send.adoc[")
                .contains("Exit codes").contains("*130, 143*");
    }

    /** Picocli's generator over the command tree, in English whatever the machine's language. */
    static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        CommandLine commandLine = new CommandLine(BulletinCommand.class, new UnwiredCommands());
        commandLine.setResourceBundle(ResourceBundle.getBundle(CommandLineRun.HELP, Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        // The pages say no version: the build's own would make them differ from one build to the next.
        int status = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], false,
                commandLine.getCommandSpec().versionProvider(null).version(new String[0]));
        assertThat(status).isZero();
    }

    private static Map<String, String> pages(Path dir) throws IOException {
        Map<String, String> pages = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return pages;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".adoc")).toList()) {
                pages.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return pages;
    }

    /**
     * The commands without Spring: their collaborators are never called to write their help, so
     * each constructor gets nulls (picocli only reads the annotated fields), but the association's
     * place, which some keep their words from.
     */
    private static final class UnwiredCommands implements CommandLine.IFactory {

        private static final Locality ENGLISH = new Locality(ZoneId.of("UTC"), Locale.UK);

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (!type.getName().startsWith("bulletin.")) {
                return CommandLine.defaultFactory().create(type);
            }
            Constructor<?> constructor = Arrays.stream(type.getDeclaredConstructors())
                    .max((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount())).orElseThrow();
            constructor.setAccessible(true);
            Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                    .map(parameter -> parameter == Locality.class ? ENGLISH : null).toArray();
            return type.cast(constructor.newInstance(arguments));
        }
    }
}
