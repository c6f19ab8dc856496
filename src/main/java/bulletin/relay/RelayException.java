package bulletin.relay;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/**
 * A message did not go through as a whole. {@code mayHaveLeft} says whether the
 * relay might nevertheless have taken it (the connection broke after the data was sent): those
 * recipients are in doubt, not unsent. {@code fatal} failures — refused credentials, a TLS
 * certificate or host name that does not verify — are never retried: retrying a bad password
 * in a loop is how mailboxes get locked. The message never holds a credential.
 */
public class RelayException extends SpokenException {

    private final boolean mayHaveLeft;
    private final boolean fatal;

    public RelayException(String message, boolean mayHaveLeft, Throwable cause) {
        this(Sentence.of("text", message), mayHaveLeft, false, cause);
    }

    public RelayException(String message, boolean mayHaveLeft, boolean fatal, Throwable cause) {
        this(Sentence.of("text", message), mayHaveLeft, fatal, cause);
    }

    /** @param sentence what happened, in the terminal's words ({@code terminal/words*.properties}) */
    public RelayException(Sentence sentence, boolean mayHaveLeft, boolean fatal, Throwable cause) {
        super(sentence, cause);
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
