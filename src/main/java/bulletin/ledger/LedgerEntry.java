package bulletin.ledger;

import java.util.Map;

/**
 * One recipient of a run as the send step sees it.
 *
 * @param fields   the other columns of its input row, encoded with {@link Fields}
 * @param location the file and line it was staged from
 */
public record LedgerEntry(long runId, int seq, String address, String displayName, String fields, String location) {

    public Map<String, String> decodedFields() {
        return Fields.decode(fields);
    }
}
