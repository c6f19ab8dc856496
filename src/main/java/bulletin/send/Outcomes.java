package bulletin.send;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerEntry;
import bulletin.relay.DeliveryReport;
import bulletin.relay.RecipientOutcome;
import java.util.ArrayList;
import java.util.List;

/** The relay's answer for each address of an envelope, as the ledger state it leads to. */
final class Outcomes {

    private Outcomes() {
    }

    /** Every address's outcome; after a report that {@code stopped}, only those it settled (the others were never handed over). */
    static List<Ledger.Outcome> of(Envelope envelope, DeliveryReport report) {
        List<Ledger.Outcome> outcomes = new ArrayList<>(envelope.recipients().size());
        for (LedgerEntry entry : envelope.recipients()) {
            RecipientOutcome outcome = report.outcome(entry.address());
            if (outcome == null && report.stopped() != null) {
                continue;
            }
            if (outcome == null) {
                outcomes.add(new Ledger.Outcome(entry.seq(), DeliveryStatus.FAILED, "the relay gave no answer for this address"));
            } else {
                outcomes.add(new Ledger.Outcome(entry.seq(), statusOf(outcome), outcome.reply()));
            }
        }
        return outcomes;
    }

    static DeliveryStatus statusOf(RecipientOutcome outcome) {
        if (outcome instanceof RecipientOutcome.Accepted) {
            return DeliveryStatus.SENT;
        }
        if (outcome instanceof RecipientOutcome.InDoubt) {
            return DeliveryStatus.IN_DOUBT;
        }
        if (outcome instanceof RecipientOutcome.Refused) {
            return DeliveryStatus.REFUSED;
        }
        return DeliveryStatus.FAILED;
    }
}
