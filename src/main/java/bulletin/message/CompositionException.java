package bulletin.message;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/**
 * A message could not be put together (an address Jakarta Mail refuses, an attachment that
 * cannot be read): something in the job's input, named in the message, with Jakarta Mail's cause.
 */
public class CompositionException extends SpokenException implements UserError {

    public CompositionException(String message, Throwable cause) {
        this(Sentence.of("text", message), cause);
    }

    /** @param sentence what is wrong, in the terminal's words ({@code terminal/words*.properties}) */
    public CompositionException(Sentence sentence, Throwable cause) {
        super(sentence, cause);
    }
}
