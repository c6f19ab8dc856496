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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A one-off campaign from the command line, written as an ordinary job file under
 * {@code data/oneoff/}: it is then validated, sent, audited and restarted like any other, and the
 * file records what was asked. Bare addresses go to a plain list beside it, one per line.
 */
final class OneOffJob {

    private OneOffJob() {
    }

    /** What was written: the job file and, for bare addresses, the file that lists them. */
    record Written(Path job, List<Path> files) {
        /** Takes it all back: a one-off that cannot be sent leaves nothing behind. */
        void delete() {
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a leftover one-off file is harmless; the operator can delete it
                }
            }
        }
    }

    /**
     * @param to        bare addresses (anything with an '@'), list nicknames, or recipient files
     * @param variables template variables, {@code key=value}
     */
    static Written write(Workspace workspace, String name, String from, String subject, String template, String relay,
                         List<String> to, Map<String, String> variables) {
        String campaign = name != null ? name
                : "oneoff-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = workspace.resolve("data/oneoff");
        Path job = dir.resolve(Campaign.fileName(campaign) + ".yml");
        Path addresses = dir.resolve(Campaign.fileName(campaign) + ".addresses.txt");
        StringBuilder yaml = new StringBuilder("# One-off campaign written by 'bulletin send --to'\n")
                .append("name: ").append(quote(campaign)).append('\n')
                .append("from: ").append(quote(from)).append('\n')
                .append("subject: ").append(quote(subject)).append('\n')
                .append("template: ").append(quote(template)).append('\n')
                .append("relay: ").append(quote(relay)).append('\n')
                .append("recipients:\n");
        StringBuilder bare = new StringBuilder();
        for (String source : to) {
            if (source.contains("@")) {
                bare.append(source.strip()).append('\n');
                continue;
            }
            String lower = source.toLowerCase(Locale.ROOT);
            boolean file = lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")
                    || lower.endsWith(".ldif") || lower.endsWith(".yml") || lower.endsWith(".yaml") || source.contains("/");
            yaml.append(file ? "  - " + quote(source) : "  - list: " + quote(source)).append('\n');
        }
        if (bare.length() > 0) {
            yaml.append("  - ").append(quote(workspace.shown(addresses.toString()))).append('\n');
        }
        if (!variables.isEmpty()) {
            yaml.append("variables:\n");
            variables.forEach((key, value) -> yaml.append("  ").append(quote(key)).append(": ").append(quote(value)).append('\n'));
        }
        List<Path> files = new ArrayList<>(List.of(job));
        try {
            Files.createDirectories(dir);
            if (bare.length() > 0) {
                Files.writeString(addresses, bare, StandardCharsets.UTF_8);
                files.add(addresses);
            }
            Files.writeString(job, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + job, e);
        }
        return new Written(job, files);
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ") + "\"";
    }
}
