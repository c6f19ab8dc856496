package bulletin.relay;

import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/**
 * A message did not go through as a whole, and of what {@link Kind kind} its failure is: what the
 * caller may do next follows from the kind, and its sentence was chosen by it (never a library's
 * text). The message never holds a credential.
 */
public class RelayException extends SpokenException {

    /** What kind of failure, and what it allows: in doubt rather than unsent, never tried again. */
    public enum Kind {
        /** The relay refused the message (its reply to MAIL, DATA or the end of data): nobody got it. */
        REFUSED(false, false),
        /** No session with the relay (no such host, nothing listening, no answer, a refused greeting): nothing was sent. */
        UNREACHABLE(false, false),
        /** The connection broke before the end of the message: nobody got it. */
        LOST(false, false),
        /** The relay may have taken the message (the connection broke after its end, or the send was cut off): its recipients are in doubt. */
        MAY_HAVE_LEFT(true, false),
        /** Credentials wanted or refused: never tried again, since trying a bad password in a loop locks mailboxes. */
        LOGIN(false, true),
        /** The connection cannot be made as the profile says (TLS that does not verify, no STARTTLS, TLS at once): never tried again. */
        SETUP(false, true),
        /** Not the relay's answer: the run's own limits, an outbox that cannot be written, a send interrupted. */
        RUN(false, false);

        private final boolean mayHaveLeft;
        private final boolean fatal;

        Kind(boolean mayHaveLeft, boolean fatal) {
            this.mayHaveLeft = mayHaveLeft;
            this.fatal = fatal;
        }
    }

    private final Kind kind;

    /** @param sentence what happened, in the terminal's words ({@code terminal/words*.properties}) */
    public RelayException(Kind kind, Sentence sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the relay might have taken the message all the same: its recipients are in doubt, not unsent. */
    public boolean mayHaveLeft() {
        return kind.mayHaveLeft;
    }

    /** Whether trying again could only make things worse (a locked mailbox): the run stops at once. */
    public boolean fatal() {
        return kind.fatal;
    }
}
