package bulletin.mailbox;
import bulletin.text.Spoken;
import bulletin.text.Sentence;

/** The mailbox could not be reached or read: nothing was changed in it. */
public class MailboxException extends RuntimeException implements Spoken {

    private final Sentence sentence;

    public MailboxException(String message, Throwable cause) {
        this(Sentence.of("text", message), cause);
    }

    /** @param sentence what happened, in the terminal's words ({@code terminal/words*.properties}) */
    public MailboxException(Sentence sentence, Throwable cause) {
        super(sentence.english(), cause);
        this.sentence = sentence;
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
