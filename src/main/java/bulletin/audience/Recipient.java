package bulletin.audience;

import java.nio.file.Path;
import java.util.Map;

/**
 * One person to mail, as read from a source.
 *
 * @param address     normalised address (domain lower-cased, IDN in punycode)
 * @param key         deduplication key: two rows with the same key are one recipient
 * @param displayName display name, free of control characters, or null
 * @param attributes  the other columns of the source row, by header name
 * @param source      the file it came from
 * @param line        the line of that file where its row starts
 */
public record Recipient(String address, String key, String displayName, Map<String, String> attributes,
                        Path source, long line) {

    public Recipient {
        attributes = Map.copyOf(attributes);
    }
}
