package bulletin.cli;

import bulletin.campaign.Campaign;
import bulletin.campaign.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A one-off campaign from the command line, written as an ordinary job file under
 * {@code data/oneoff/}: it is then validated, sent, audited and restarted like any other, and the
 * file records what was asked.
 */
final class OneOffJob {

    private OneOffJob() {
    }

    static Path write(Workspace workspace, String name, String from, String subject, String template, String relay,
                      List<String> to) {
        String campaign = name != null ? name
                : "oneoff-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        StringBuilder yaml = new StringBuilder("# One-off campaign written by 'bulletin send --to'\n")
                .append("name: ").append(quote(campaign)).append('\n')
                .append("from: ").append(quote(from)).append('\n')
                .append("subject: ").append(quote(subject)).append('\n')
                .append("template: ").append(quote(template)).append('\n')
                .append("relay: ").append(quote(relay)).append('\n')
                .append("recipients:\n");
        for (String source : to) {
            String lower = source.toLowerCase(Locale.ROOT);
            boolean file = lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")
                    || lower.endsWith(".ldif") || lower.endsWith(".yml") || lower.endsWith(".yaml") || source.contains("/");
            yaml.append(file ? "  - " + quote(source) : "  - list: " + quote(source)).append('\n');
        }
        Path file = workspace.resolve("data/oneoff").resolve(Campaign.fileName(campaign) + ".yml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ") + "\"";
    }
}
