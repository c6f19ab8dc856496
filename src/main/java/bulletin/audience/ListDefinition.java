package bulletin.audience;

import bulletin.problem.FileNames;
import bulletin.text.Sentence;
import bulletin.yaml.YamlMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A mailing list kept as a file ({@code data/lists/NAME.yml}), with the fields of Thunderbird's
 * "New mailing list" dialog: name, nickname, description and members ({@code addr} or
 * {@code Name <addr>}), plus includes of other sources or lists.
 */
public record ListDefinition(Path file, String name, String nickname, String description, List<Member> members,
                             List<RecipientSource> includes) {

    static final Set<String> KEYS = Set.of("name", "nickname", "description", "members", "include");

    /** One {@code members:} line as written, and where. */
    record Member(String text, int line) {
    }

    public ListDefinition {
        members = List.copyOf(members);
        includes = List.copyOf(includes);
    }

    static ListDefinition read(Path file, Function<String, Path> resolve, FileNames names) {
        YamlMapping yaml = YamlMapping.read(file, names);
        yaml.allowOnly(KEYS);
        String name = yaml.requiredString("name").trim();
        String nickname = yaml.optionalString("nickname", null);
        List<Member> members = yaml.list("members", false).stream()
                .map(value -> new Member(value.asString(), value.line())).toList();
        List<RecipientSource> includes = yaml.list("include", false).stream()
                .map(value -> SourceSpecs.parse(value, resolve)).toList();
        if (members.isEmpty() && includes.isEmpty()) {
            throw yaml.error("members", Sentence.of("list.empty", name));
        }
        return new ListDefinition(file, name, nickname == null ? null : nickname.trim(),
                yaml.optionalString("description", null), members, includes);
    }
}
