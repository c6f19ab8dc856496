package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exit codes are said in two places, for two readers: the help (cron's author at the
 * terminal, in each language) and the operator guide's table. Both must list exactly the codes
 * the program uses for a run, so that a code added, dropped or renumbered in {@link ExitCodes}
 * fails here until both say it.
 */
class ExitCodesDocumentedTest {

    /** A run's codes: ExitCodes' own (feedback's CAMPAIGN_PROBLEM is feedback's list) and the signals' (StopSignals). */
    static Set<Integer> runCodes() {
        Set<Integer> codes = Arrays.stream(ExitCodes.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == int.class)
                .filter(field -> !field.getName().equals("CAMPAIGN_PROBLEM"))
                .map(ExitCodesDocumentedTest::value).collect(Collectors.toCollection(TreeSet::new));
        codes.addAll(List.of(130, 143));
        return codes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"help.properties", "help_fr.properties"})
    void theHelpListsEveryCodeARunEndsWith(String bundle) throws IOException {
        Properties help = new Properties();
        try (InputStream in = ExitCodesDocumentedTest.class.getResourceAsStream("/terminal/" + bundle)) {
            help.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(listed(help, "bulletin.usage.exitCodeList.")).as(bundle).isEqualTo(runCodes());
        assertThat(listed(help, "bulletin.feedback.usage.exitCodeList.")).as(bundle + ", feedback")
                .containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.RUN_FAILED, ExitCodes.BAD_INPUT, ExitCodes.CAMPAIGN_PROBLEM);
    }

    @Test
    void theOperatorGuidesTableListsEveryCodeARunEndsWith() throws IOException {
        String guide = Files.readString(Path.of("docs/operator.md"));
        String section = guide.substring(guide.indexOf("\n## Exit codes\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<Integer> listed = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| ([0-9, ]+) \\|").matcher(section);
        while (row.find()) {
            listed.addAll(codes(row.group(1)));
        }
        assertThat(listed).isEqualTo(runCodes());
        assertThat(section).as("feedback's codes, said after the table")
                .contains("`feedback` exits 0").contains(", 1 when").contains(", 2 when").contains("and 5 when");
    }

    /** The codes of picocli's exit-code list under {@code prefix}: each line is "CODES:meaning". */
    private static Set<Integer> listed(Properties help, String prefix) {
        Set<Integer> listed = new TreeSet<>();
        help.stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).map(help::getProperty)
                .forEach(line -> listed.addAll(codes(line.substring(0, line.indexOf(':')))));
        return listed;
    }

    private static Set<Integer> codes(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
    }

    private static int value(Field field) {
        try {
            field.setAccessible(true);
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
