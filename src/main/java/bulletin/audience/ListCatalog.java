package bulletin.audience;

import bulletin.problem.FileNames;
import bulletin.text.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The list definitions of a folder ({@code data/lists/} by default), found by nickname, by name
 * or by file.
 */
public final class ListCatalog {

    private final Path directory;
    private final Function<String, Path> resolve;
    private final FileNames names;

    /**
     * @param directory where list definitions live
     * @param resolve   how a relative path in a definition is resolved (against the Bulletin home)
     * @param names     how files are named in errors (relative to the home)
     */
    public ListCatalog(Path directory, Function<String, Path> resolve, FileNames names) {
        this.directory = directory;
        this.resolve = resolve;
        this.names = names;
    }

    /** How this catalog's files, and the files its lists include, are named to the operator. */
    public FileNames names() {
        return names;
    }

    /** A list by its file ({@code data/lists/bureau.yml}) or by its nickname or name ({@code bureau}). */
    public ListDefinition find(String reference) {
        if (SourceKind.of(reference) == SourceKind.LIST) {
            Path file = resolve.apply(reference);
            if (!Files.isRegularFile(file)) {
                throw new AudienceException(names.shown(file), 0, Sentence.of("audience.no-list-file"));
            }
            return ListDefinition.read(file, resolve, names);
        }
        List<ListDefinition> all = all();
        for (ListDefinition list : all) {
            if (list.nickname() != null && list.nickname().equalsIgnoreCase(reference)) {
                return list;
            }
        }
        for (ListDefinition list : all) {
            if (list.name().equalsIgnoreCase(reference) || baseName(list.file()).equalsIgnoreCase(reference)) {
                return list;
            }
        }
        throw new AudienceException(names.shown(directory), 0, Sentence.of("audience.no-list", reference, all.isEmpty()
                ? Sentence.of("audience.none") : String.join(", ", all.stream().map(ListCatalog::label).toList()),
                names.shown(directory.resolve(reference + ".yml"))));
    }

    /** Every list definition of the folder, in file name order. */
    public List<ListDefinition> all() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<ListDefinition> lists = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                if (SourceKind.of(file.getFileName().toString()) == SourceKind.LIST) {
                    lists.add(ListDefinition.read(file, resolve, names));
                }
            }
            return lists;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static String label(ListDefinition list) {
        return list.nickname() != null ? list.nickname() : baseName(list.file());
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
