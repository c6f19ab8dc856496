package bulletin.mailbox;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/** A mailbox profile that cannot work as written: the message names the setting to fix. */
public class MailboxConfigurationException extends SpokenException implements UserError {

    public MailboxConfigurationException(String message) {
        this(Sentence.of("text", message));
    }

    /** @param sentence what is wrong, in the terminal's words ({@code terminal/words*.properties}) */
    public MailboxConfigurationException(Sentence sentence) {
        super(sentence, null);
    }
}
