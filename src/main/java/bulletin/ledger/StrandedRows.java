package bulletin.ledger;

import java.util.function.Consumer;

/**
 * Watches a run's rows as the audit shows them, in staging order, for a PENDING row below a row a
 * message carried. An attempt reads above the run's answered ranges unless a write that put rows
 * back to PENDING was counted ({@link Ledger#firstToRead}): such a row, if no writer counted it,
 * would never be read again. Seen at the end of every attempt, it makes the next one read the run
 * from its start ({@link Ledger#readFromStartNextAttempt}) — one more attempt, never a recipient.
 */
public final class StrandedRows implements Consumer<AuditRow> {

    private boolean pendingSeen;
    private boolean stranded;

    @Override
    public void accept(AuditRow row) {
        if (row.status() == DeliveryStatus.PENDING) {
            pendingSeen = true;
        } else if (pendingSeen && row.messageNo() != null) {
            stranded = true;
        }
    }

    /** Whether a PENDING row came before a row a message carried. */
    public boolean found() {
        return stranded;
    }
}
