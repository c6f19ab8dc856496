package bulletin.ledger;

/**
 * One input row as staging records it: a recipient to send to ({@code PENDING}, with a key),
 * or a rejection ({@code INVALID}, {@code DUPLICATE}, {@code SUPPRESSED}) with its reason.
 */
public record StagedRow(String address, String key, String displayName, String sourceFile, long sourceLine,
                        DeliveryStatus status, String reason, String fields) {

    public static StagedRow pending(String address, String key, String displayName, String sourceFile, long line,
                                    String fields) {
        return new StagedRow(address, key, displayName, sourceFile, line, DeliveryStatus.PENDING, null, fields);
    }

    public static StagedRow rejected(String text, String displayName, String sourceFile, long line,
                                     DeliveryStatus status, String reason) {
        return new StagedRow(text == null ? "" : text, null, displayName, sourceFile, line, status, reason, null);
    }
}
