package bulletin.relay;

import java.util.List;
import java.util.Map;

/**
 * What a relay tells the ledger while one message is on the wire, so that a crash or a lost
 * answer at any point puts in doubt exactly the recipients of the SMTP transaction that was
 * under way. A message starts as one transaction for its whole envelope (recorded before it is
 * handed over); the relay announces each other one. Every call returns once what it says is
 * durable. Called on the connection's thread.
 */
public interface SendJournal {

    /** For a send whose progress nobody records (a test copy, a confirmation). */
    SendJournal NONE = new SendJournal() {
    };

    /**
     * A new transaction of the message starts for {@code recipients}; {@code settled} holds what
     * the relay said so far to the message's addresses: accepted, refused and in doubt are
     * settled, deferred ones (and addresses in neither) wait for a later transaction.
     */
    default void starting(List<String> recipients, Map<String, RecipientOutcome> settled) {
    }

    /** The relay accepted only {@code accepted} of the current transaction's recipients, and its body follows. */
    default void bodyFollows(List<String> accepted) {
    }

    /** The current transaction's answer was lost after its body: its recipients may have the message. */
    default void lost(List<String> recipients, String what) {
    }
}
