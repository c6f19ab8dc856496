package bulletin.cli;

import bulletin.audience.SourceKind;
import bulletin.files.OwnerOnly;
import bulletin.home.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

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
     * @param zone      the association's time zone, which names a one-off without a name
     * @param to        bare addresses (anything with an '@'), list nicknames, or recipient files
     * @param variables template variables, {@code key=value}
     */
    static Written write(Workspace workspace, ZoneId zone, String name, String from, String subject, String template,
                         String relay, List<String> to, Map<String, String> variables) {
        // Named by the association's clock (bulletin.time-zone), as every other time it reads.
        String campaign = name != null ? name
                : "oneoff-" + LocalDateTime.now(zone).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path job = workspace.oneOffJob(campaign);
        Path addresses = Workspace.oneOffAddresses(job);
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("name", oneLine(campaign));
        yaml.put("from", oneLine(from));
        yaml.put("subject", oneLine(subject));
        yaml.put("template", template);
        yaml.put("relay", relay);
        List<Object> recipients = new ArrayList<>();
        StringBuilder bare = new StringBuilder();
        for (String source : to) {
            if (source.contains("@")) {
                bare.append(source.strip()).append('\n');
            } else {
                recipients.add(SourceKind.looksLikeFile(source) ? source : Map.of("list", source));
            }
        }
        if (bare.length() > 0) {
            recipients.add(workspace.shown(addresses.toString()));
        }
        yaml.put("recipients", recipients);
        if (!variables.isEmpty()) {
            yaml.put("variables", new LinkedHashMap<>(variables));
        }
        List<Path> files = new ArrayList<>(List.of(job));
        try {
            OwnerOnly.folders(job.getParent());
            if (bare.length() > 0) {
                OwnerOnly.writeString(addresses, bare);
                files.add(addresses);
            }
            OwnerOnly.writeString(job, "# One-off campaign written by 'bulletin send --to'\n" + dumper().dump(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + job, e);
        }
        return new Written(job, files);
    }

    private static String oneLine(String value) {
        return value.replace('\n', ' ').replace('\r', ' ');
    }

    /** Block style, like a hand-written job file; SnakeYAML quotes whatever would read back as something else. */
    private static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        options.setAllowUnicode(true);
        return new Yaml(options);
    }
}
