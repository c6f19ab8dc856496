package bulletin.files;

import bulletin.text.Sentence;
import bulletin.text.Spoken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The home's credentials file, {@code config/relays.env}, read by Bulletin itself: the setup
 * card's names ({@code MAILJET_API_KEY=…}, {@code MAILBOX_PASSWORD=…}) one per line, as systemd's
 * {@code EnvironmentFile=} reads them too ({@code #} comment lines, an optional {@code export},
 * a value in single or double quotes). So cron, a systemd timer, {@code schedule} and a person at
 * the terminal all run with the same credentials, with nothing to load first. The process's own
 * environment wins over the file; any Bulletin setting may be given there the same way
 * ({@code BULLETIN_TIME_ZONE=…}). A file that others may read is refused, in one sentence,
 * before anything is done: it holds passwords.
 */
public final class CredentialsFile implements EnvironmentPostProcessor, Ordered {

    /** Where the file is, from the home. */
    public static final String PATH = "config/relays.env";
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** The credentials file exists but may be read by others: nothing runs until it is tightened. */
    public static final class UnsafeCredentialsException extends IllegalStateException implements Spoken {
        private final Sentence sentence;

        UnsafeCredentialsException(Sentence sentence) {
            super(sentence.english());
            this.sentence = sentence;
        }

        @Override
        public Sentence sentence() {
            return sentence;
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = Path.of(environment.getProperty("bulletin.home", ".")).resolve(PATH);
        Map<String, Object> values = read(file);
        if (values.isEmpty()) {
            return;
        }
        // After the process's environment: a variable set for one command still wins.
        String after = environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                ? StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME : null;
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(PATH, values);
        if (after != null) {
            environment.getPropertySources().addAfter(after, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1; // bulletin.home may come from config/application.yml
    }

    /** The file's names and values; none when there is no file. */
    static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        refuseIfShared(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PATH + ": " + e.getMessage(), e);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).strip().matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                // Never echo the line: it may hold a password.
                throw new UnsafeCredentialsException(Sentence.of("credentials.not-name-value", PATH, i + 1));
            }
            values.put(line.substring(0, eq).strip(), unquoted(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String unquoted(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static void refuseIfShared(Path file) {
        Set<PosixFilePermission> modes;
        try {
            modes = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException noPosixModes) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PATH + ": " + e.getMessage(), e);
        }
        if (modes.stream().anyMatch(OTHERS::contains)) {
            throw new UnsafeCredentialsException(Sentence.of("credentials.shared", PATH, PosixFilePermissions.toString(modes)));
        }
    }
}
