package bulletin.audience;

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
                throw value.error(vcard(path));
            }
            return byExtension(resolve.apply(path), StandardCharsets.UTF_8, null, null, null);
        }
        YamlMapping map = value.asMapping();
        map.allowOnly(KEYS);
        if (!map.has("file")) {
            if (!map.has("list")) {
                throw map.error("file", "a source needs 'file:' (a CSV or LDIF file) or 'list:' (a list's nickname or file)");
            }
            if (map.has("charset") || map.has("delimiter")) {
                throw map.error("list", "'charset' and 'delimiter' belong to a 'file:' source, not to a list");
            }
            return new RecipientSource.ListRef(map.requiredString("list").trim());
        }
        String path = map.requiredString("file").trim();
        if (SourceKind.of(path) == SourceKind.VCARD) {
            throw map.error("file", vcard(path));
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
                throw map.error("delimiter", "'delimiter' is for CSV files, not for " + file.getFileName());
            }
            return new RecipientSource.Ldif(file, charset, list);
        }
        if (kind == SourceKind.LIST) {
            return new RecipientSource.ListRef(file.toString());
        }
        if (list != null) {
            throw map.error("list", "'list' picks a mailing list of an LDIF export; " + file.getFileName()
                    + " is read as CSV. Use 'list: NICKNAME' on its own for a list definition");
        }
        return new RecipientSource.Csv(file, charset, delimiter);
    }

    /** A vCard export is refused by name, with how to get a file Bulletin reads (the same address book, as CSV or LDIF). */
    private static String vcard(String path) {
        return path + " is a vCard export (.vcf), which Bulletin does not read: in Thunderbird's address book, export"
                + " the same book as CSV (comma separated) or LDIF and name that file here instead";
    }

    private static Charset charset(YamlMapping map) {
        String name = map.requiredString("charset").trim();
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw map.error("charset", "unknown charset '" + name + "'; use e.g. UTF-8 or windows-1252");
        }
    }

    private static Character delimiter(YamlMapping map) {
        String text = map.requiredString("delimiter");
        if (text.equals("\t") || text.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (text.length() != 1 || ",;|".indexOf(text.charAt(0)) < 0) {
            throw map.error("delimiter", "'delimiter' is one of ',' ';' '|' or 'tab', not '" + text + "'");
        }
        return text.charAt(0);
    }
}
