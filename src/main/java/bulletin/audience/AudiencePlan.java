package bulletin.audience;

import bulletin.text.Sentence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sources of a campaign with every list definition expanded into what it holds: the files
 * to read and the member blocks of each list, in order. Planned before a single row is read, so
 * that a missing file, an unknown list or an include cycle stops the run before anything else.
 */
public final class AudiencePlan {

    /** One thing to read: a file, or the {@code members:} of one list. */
    sealed interface Leaf {
    }

    record FileLeaf(RecipientSource source, Path file) implements Leaf {
    }

    record MembersLeaf(ListDefinition list) implements Leaf {
    }

    private final List<Leaf> leaves;
    private final List<ListDefinition> lists;

    private AudiencePlan(List<Leaf> leaves, List<ListDefinition> lists) {
        this.leaves = List.copyOf(leaves);
        this.lists = List.copyOf(lists);
    }

    public static AudiencePlan of(List<RecipientSource> sources, ListCatalog catalog) {
        List<Leaf> leaves = new ArrayList<>();
        List<ListDefinition> lists = new ArrayList<>();
        for (RecipientSource source : sources) {
            expand(source, catalog, new ArrayList<>(), leaves, lists, null);
        }
        return new AudiencePlan(leaves, lists);
    }

    /** No sources at all: for checking what does not depend on the audience. */
    public static AudiencePlan empty() {
        return new AudiencePlan(List.of(), List.of());
    }

    List<Leaf> leaves() {
        return leaves;
    }

    /** The list definitions the campaign reaches, directly or by inclusion. */
    public List<ListDefinition> lists() {
        return lists;
    }

    private static void expand(RecipientSource source, ListCatalog catalog, List<Path> chain, List<Leaf> leaves,
                               List<ListDefinition> lists, Path includedBy) {
        if (source instanceof RecipientSource.ListRef ref) {
            ListDefinition list = catalog.find(ref.reference());
            Path file = list.file().toAbsolutePath().normalize();
            if (chain.contains(file)) {
                List<Path> cycle = new ArrayList<>(chain.subList(chain.indexOf(file), chain.size()));
                cycle.add(file);
                throw new AudienceException(catalog.names().shown(file), 0, Sentence.of("audience.cycle",
                        cycle.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" → "))));
            }
            lists.add(list);
            if (!list.members().isEmpty()) {
                leaves.add(new MembersLeaf(list));
            }
            List<Path> inner = new ArrayList<>(chain);
            inner.add(file);
            for (RecipientSource include : list.includes()) {
                expand(include, catalog, inner, leaves, lists, catalog.names().shown(list.file()));
            }
            return;
        }
        Path file = source instanceof RecipientSource.Csv csv ? csv.file() : ((RecipientSource.Ldif) source).file();
        Sentence whence = includedBy == null ? Sentence.of("audience.check-path") : Sentence.of("audience.included-by", includedBy);
        Path name = catalog.names().shown(file);
        if (Files.isDirectory(file)) {
            throw new AudienceException(name, 0, Sentence.of("audience.folder", whence));
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new AudienceException(name, 0, Sentence.of("audience.not-regular", whence));
        }
        if (!Files.isRegularFile(file)) {
            throw new AudienceException(name, 0, Sentence.of("audience.no-file", whence));
        }
        if (!Files.isReadable(file)) {
            throw new AudienceException(name, 0, Sentence.of("audience.unreadable", whence));
        }
        leaves.add(new FileLeaf(source, file));
    }
}
