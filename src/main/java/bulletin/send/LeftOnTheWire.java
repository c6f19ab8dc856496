package bulletin.send;

import bulletin.ledger.Ledger;
import bulletin.text.TerminalWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an attempt that died left on the wire: its messages' recipients become IN_DOUBT (nobody
 * knows whether they left, so they are not sent again), and the operator is told once. Called
 * before any attempt reads the run, by whoever holds the run's lock: the launcher as it recovers,
 * restarts or abandons a run, and the round reader as an attempt opens (then it finds none left).
 */
public final class LeftOnTheWire {

    private static final Logger log = LoggerFactory.getLogger(LeftOnTheWire.class);

    private LeftOnTheWire() {
    }

    /** Returns how many recipients became IN_DOUBT now. */
    public static int putInDoubt(Ledger ledger, long runId) {
        int inDoubt = ledger.markInDoubt(runId);
        if (inDoubt > 0) {
            log.warn(TerminalWords.key("log.found-in-doubt"), "{} recipients of run {} are IN_DOUBT: their message was handed"
                    + " to the relay when the previous attempt stopped. They are not sent again.", inDoubt, runId);
        }
        return inDoubt;
    }
}
