package bulletin.ledger;

/** Where one recipient of one run stands. */
public enum DeliveryStatus {
    /** Staged, not yet handed to the relay. */
    PENDING,
    /** Committed just before its message was handed to the relay. */
    SENDING,
    /** The relay accepted the message for this address. */
    SENT,
    /** The relay refused this address for good (5xx). */
    REFUSED,
    /** Not delivered after what this run tried. */
    FAILED,
    /** Its message was handed to the relay when the run died: nobody knows whether it left. */
    IN_DOUBT,
    /** The input row holds no usable address. */
    INVALID,
    /** The address was already staged from an earlier row. */
    DUPLICATE,
    /** The address is on the suppression list. */
    SUPPRESSED,
    /** The relay took the message, and a permanent bounce came back for this address afterwards. */
    BOUNCED;

    /** States of rows that will never be sent to in this run. */
    boolean rejectedAtStaging() {
        return this == INVALID || this == DUPLICATE || this == SUPPRESSED;
    }
}
