package bulletin.relay;

import java.util.List;

/**
 * Sends one composed message to an envelope and says what happened to each address: the caller
 * hands over bytes and addresses and gets outcomes back, and never sees how they travel (SMTP
 * through Jakarta Mail, or files). A relay is opened for one step of one run and reuses its
 * connection across the messages it is given. One relay serves one thread at a time; only
 * {@link #dataEnded} may be asked from another.
 */
public interface Relay extends AutoCloseable {

    /**
     * Whether this relay takes UTF-8 in addresses and headers (SMTPUTF8, the profile's
     * {@code smtputf8}): messages for it may then be composed with UTF-8 headers.
     */
    default boolean smtpUtf8() {
        return false;
    }

    /** A line for logs and the audit: which relay, where; never a credential. */
    String description();

    /**
     * @param message  the composed message; it carries no recipient address
     * @param envelope the SMTP envelope recipients (RCPT TO)
     * @throws RelayException when nobody of the envelope got the message, or it is unknown whether they did
     */
    default DeliveryReport send(ComposedMessage message, List<String> envelope) {
        return send(message, envelope, SendJournal.NONE);
    }

    /**
     * The same, telling {@code journal} of each SMTP transaction as it goes, so that a crash at any
     * point leaves in doubt only the recipients of the transaction under way.
     */
    DeliveryReport send(ComposedMessage message, List<String> envelope, SendJournal journal);

    /**
     * Connects and logs in now, if this relay logs in at all: a pool of connections logs in once
     * on the first before opening the others, so that refused credentials are tried once, not
     * once per connection (a relay counts the failures, and may lock the account).
     */
    default void connect() {
    }

    /**
     * Whether the message being sent right now (from another thread) has reached the end of its
     * data, so that the relay may have it: what a forced quit must leave in doubt rather than
     * put back to PENDING. Unknown is yes.
     */
    default boolean dataEnded() {
        return true;
    }

    @Override
    void close();
}
