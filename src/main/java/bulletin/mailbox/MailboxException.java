package bulletin.mailbox;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/** The mailbox could not be reached or read: nothing was changed in it. */
public class MailboxException extends SpokenException {

    public MailboxException(String message, Throwable cause) {
        this(Sentence.of("text", message), cause);
    }

    /** @param sentence what happened, in the terminal's words ({@code terminal/words*.properties}) */
    public MailboxException(Sentence sentence, Throwable cause) {
        super(sentence, cause);
    }
}
