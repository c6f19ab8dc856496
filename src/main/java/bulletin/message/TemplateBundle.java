package bulletin.message;

import bulletin.problem.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template files a campaign uses, by name, as they were when the run first rendered them.
 * A run that sends personal messages renders them again for every recipient, possibly after a
 * restart days later: it renders from this frozen copy, never from files edited since.
 */
public final class TemplateBundle {

    private final Path directory;
    private final FileNames names;
    private final Map<String, String> files;

    private TemplateBundle(Path directory, FileNames names, Map<String, String> files) {
        this.directory = directory;
        this.names = names;
        this.files = files;
    }

    /** Reads from the templates folder, keeping what it read; its files named to the operator as {@code names} shows them. */
    static TemplateBundle reading(Path directory, FileNames names) {
        return new TemplateBundle(directory, names, new LinkedHashMap<>());
    }

    /** A frozen copy: reads only what it holds. */
    public static TemplateBundle frozen(Map<String, String> files) {
        return new TemplateBundle(null, FileNames.AS_GIVEN, new LinkedHashMap<>(files));
    }

    /** Every file read so far, by name relative to the templates folder. */
    Map<String, String> files() {
        return Collections.unmodifiableMap(files);
    }

    /** Where missing files are reported to be. */
    String describe(String name) {
        return directory == null ? name + " (as frozen by the run's first attempt)"
                : names.shown(directory.resolve(name)).toString();
    }

    boolean exists(String name) {
        if (files.containsKey(name)) {
            return true;
        }
        return directory != null && Files.isRegularFile(resolve(name));
    }

    /** The file's text, or null when there is none. */
    String read(String name) {
        String known = files.get(name);
        if (known != null || directory == null) {
            return known;
        }
        Path file = resolve(name);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            files.put(name, text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** A name inside the templates folder, or null for one that would leave it. */
    private Path resolve(String name) {
        Path root = directory.toAbsolutePath().normalize();
        Path file = root.resolve(name).normalize();
        return file.startsWith(root) ? file : null;
    }
}
