package bulletin.send;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.text.Sentence;
import java.util.List;

/**
 * When a run gives up rather than go on mailing through a relay that refuses it or is gone:
 * past {@code bulletin.send.max-failure-rate} of refused or failed recipients, or after
 * {@code bulletin.send.lost-answers-in-a-row} messages whose answer was lost. Counts this attempt
 * only: a restart starts afresh.
 */
final class FailureBreaker {

    private final SendSettings settings;
    private long tried;
    private long notSent;
    private long inDoubt;
    private int lostInARow;

    FailureBreaker(SendSettings settings) {
        this.settings = settings;
    }

    /** A message was answered: the relay is there. */
    void answered() {
        lostInARow = 0;
    }

    /** The answers recorded for the recipients of a round. */
    void counted(List<Ledger.Outcome> outcomes) {
        for (Ledger.Outcome outcome : outcomes) {
            tried++;
            if (outcome.status() != DeliveryStatus.SENT) {
                notSent++;
            }
        }
    }

    /** A message's answer was lost; true when that makes too many in a row. */
    boolean lost(int recipients) {
        inDoubt += recipients;
        lostInARow++;
        return lostInARow >= settings.lostAnswersInARow();
    }

    int lostInARow() {
        return lostInARow;
    }

    boolean overFailureRate() {
        return tried >= settings.failureRateAfter() && notSent > settings.maxFailureRate() * tried;
    }

    Sentence overFailureRateReason() {
        return Sentence.of("send.failure-rate", notSent, tried, Math.round(settings.maxFailureRate() * 100));
    }

    /** Recipients done with in this attempt: answered, or in doubt (handled, not known to be sent). */
    long handled() {
        return tried + inDoubt;
    }

    /** Recipients of this attempt not known to be sent: refused, failed or in doubt. */
    long notKnownSent() {
        return notSent + inDoubt;
    }
}
