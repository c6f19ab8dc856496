package bulletin.audience;

import java.nio.charset.Charset;
import java.nio.file.Path;

/** One entry of a job's {@code recipients:} (or of a list's {@code include:}): where recipients come from. */
public sealed interface RecipientSource {

    /** A CSV file; {@code delimiter} null means detected from the header row. */
    record Csv(Path file, Charset charset, Character delimiter) implements RecipientSource {
    }

    /** A Thunderbird LDIF export: every contact with an address, or the members of one of its mailing lists. */
    record Ldif(Path file, Charset charset, String list) implements RecipientSource {
    }

    /** A list definition, named by its nickname or by its file. */
    record ListRef(String reference) implements RecipientSource {
    }
}
