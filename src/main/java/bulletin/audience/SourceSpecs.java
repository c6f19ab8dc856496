package bulletin.audience;

import bulletin.text.Sentence;
import bulletin.yaml.YamlMapping;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one source entry as a job file or list definition writes it: a path
 * ({@code data/members.csv}, {@code export.ldif}, {@code data/lists/bureau.yml}), a mapping
 * with {@code file:} and options ({@code charset:}, {@code delimiter:}, {@code list:} for an
 * LDIF mailing list), or {@code list: NICKNAME}.
 */
public final class SourceSpecs {

    private static final Set<String> KEYS = Set.of("file", "charset", "delimiter", "list");

    private SourceSpecs() {
    }

    public static RecipientSource parse(YamlMapping.Value value, Function<String, Path> resolve) {
        if (!value.isMapping()) {
            String path = value.asString().trim();
            if (SourceKind.of(path) == SourceKind.VCARD) {
                throw value.error(Sentence.of("source.vcard", path));
            }
            return byExtension(resolve.apply(path), StandardCharsets.UTF_8, null, null, null);
        }
        YamlMapping map = value.asMapping();
        map.allowOnly(KEYS);
        if (!map.has("file")) {
            if (!map.has("list")) {
                throw map.error("file", Sentence.of("source.file-or-list"));
            }
            if (map.has("charset") || map.has("delimiter")) {
                throw map.error("list", Sentence.of("source.list-options"));
            }
            return new RecipientSource.ListRef(map.requiredString("list").trim());
        }
        String path = map.requiredString("file").trim();
        if (SourceKind.of(path) == SourceKind.VCARD) {
            throw map.error("file", Sentence.of("source.vcard", path));
        }
        Path file = resolve.apply(path);
        Charset charset = map.has("charset") ? charset(map) : StandardCharsets.UTF_8;
        Character delimiter = map.has("delimiter") ? delimiter(map) : null;
        String list = map.has("list") ? map.requiredString("list").trim() : null;
        return byExtension(file, charset, delimiter, list, map);
    }

    private static RecipientSource byExtension(Path file, Charset charset, Character delimiter, String list, YamlMapping map) {
        SourceKind kind = SourceKind.of(file.getFileName().toString());
        if (kind == SourceKind.LDIF) {
            if (delimiter != null) {
                throw map.error("delimiter", Sentence.of("source.delimiter-csv", file.getFileName()));
            }
            return new RecipientSource.Ldif(file, charset, list);
        }
        if (kind == SourceKind.LIST) {
            return new RecipientSource.ListRef(file.toString());
        }
        if (list != null) {
            throw map.error("list", Sentence.of("source.list-ldif", file.getFileName()));
        }
        return new RecipientSource.Csv(file, charset, delimiter);
    }

    private static Charset charset(YamlMapping map) {
        String name = map.requiredString("charset").trim();
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw map.error("charset", Sentence.of("source.charset", name));
        }
    }

    private static Character delimiter(YamlMapping map) {
        String text = map.requiredString("delimiter");
        if (text.equals("\t") || text.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (text.length() != 1 || ",;|".indexOf(text.charAt(0)) < 0) {
            throw map.error("delimiter", Sentence.of("source.delimiter", text));
        }
        return text.charAt(0);
    }
}
