package bulletin.ledger;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where one recipient of one run stands. The sets of states the ledger's questions name (may
 * have reached the person, counts against a budget…) are here, once; the SQL lists are built from
 * them ({@link #sqlIn}).
 */
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

    /** The person may have the letter: a new run of the period after an abandoned one does not mail them again. */
    public static final Set<DeliveryStatus> MAY_HAVE_REACHED = named(SENT, SENDING, IN_DOUBT, BOUNCED);

    /** The relay took the address, or may have: it counts against the relay's budget (a refusal too: it was a try). */
    public static final Set<DeliveryStatus> COUNTS_AGAINST_BUDGET = named(SENT, REFUSED, SENDING, IN_DOUBT, BOUNCED);

    /** The message was handed to a relay and the run recorded what became of it: what feedback about it is checked against. */
    public static final Set<DeliveryStatus> HANDED_TO_RELAY = named(SENT, IN_DOUBT, BOUNCED, REFUSED, FAILED);

    /** A permanent bounce for the address makes the row BOUNCED from these (a bounce proves the message left). */
    public static final Set<DeliveryStatus> MAY_BOUNCE = named(SENT, IN_DOUBT);

    /** States of rows that will never be sent to in this run. */
    boolean rejectedAtStaging() {
        return this == INVALID || this == DUPLICATE || this == SUPPRESSED;
    }

    /** {@code column IN ('A', 'B')}: the states as SQL, in their declared order. */
    public static String sqlIn(String column, Set<DeliveryStatus> states) {
        return column + " IN (" + states.stream().map(state -> "'" + state.name() + "'").collect(Collectors.joining(", "))
                + ")";
    }

    private static Set<DeliveryStatus> named(DeliveryStatus first, DeliveryStatus... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }
}
