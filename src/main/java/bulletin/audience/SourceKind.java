package bulletin.audience;

import java.util.Locale;

/** What a recipient source is, by its file name's extension: the one place that rule lives. */
public enum SourceKind {
    /** A Thunderbird LDIF export: {@code .ldif}, {@code .ldi}. */
    LDIF,
    /** A list definition: {@code .yml}, {@code .yaml}. */
    LIST,
    /** A vCard export ({@code .vcf}, {@code .vcard}): not read; the operator is told to export CSV or LDIF. */
    VCARD,
    /** A CSV file or a plain list of addresses: anything else ({@code .csv}, {@code .tsv}, {@code .txt}, …). */
    CSV;

    public static SourceKind of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".ldif") || name.endsWith(".ldi")) {
            return LDIF;
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return LIST;
        }
        if (name.endsWith(".vcf") || name.endsWith(".vcard")) {
            return VCARD;
        }
        return CSV;
    }

    /** Whether a command-line word names a recipient file rather than a list's nickname. */
    public static boolean looksLikeFile(String word) {
        String name = word.toLowerCase(Locale.ROOT);
        return of(name) != CSV || name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")
                || word.contains("/");
    }
}
