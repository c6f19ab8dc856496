package bulletin.relay;

/**
 * The message of a chunk did not go through as a whole. {@code mayHaveLeft} says whether the
 * relay might nevertheless have taken it (the connection broke after the data was sent):
 * those recipients are in doubt, not unsent. The message never holds a credential.
 */
public class RelayException extends RuntimeException {

    private final boolean mayHaveLeft;

    public RelayException(String message, boolean mayHaveLeft, Throwable cause) {
        super(message, cause);
        this.mayHaveLeft = mayHaveLeft;
    }

    public boolean mayHaveLeft() {
        return mayHaveLeft;
    }
}
