package bulletin.relay;

/**
 * A message did not go through as a whole. {@code mayHaveLeft} says whether the
 * relay might nevertheless have taken it (the connection broke after the data was sent): those
 * recipients are in doubt, not unsent. {@code fatal} failures — refused credentials, a TLS
 * certificate or host name that does not verify — are never retried: retrying a bad password
 * in a loop is how mailboxes get locked. The message never holds a credential.
 */
public class RelayException extends RuntimeException {

    private final boolean mayHaveLeft;
    private final boolean fatal;

    public RelayException(String message, boolean mayHaveLeft, Throwable cause) {
        this(message, mayHaveLeft, false, cause);
    }

    public RelayException(String message, boolean mayHaveLeft, boolean fatal, Throwable cause) {
        super(message, cause);
        this.mayHaveLeft = mayHaveLeft;
        this.fatal = fatal;
    }

    public boolean mayHaveLeft() {
        return mayHaveLeft;
    }

    public boolean fatal() {
        return fatal;
    }
}
