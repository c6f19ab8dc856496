package bulletin.message;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/** A template that cannot be rendered as written: the message names the template, the line and the name. */
public class TemplateException extends SpokenException implements UserError {

    public TemplateException(String message) {
        this(Sentence.of("text", message));
    }

    /** @param sentence what is wrong, in the terminal's words ({@code terminal/words*.properties}) */
    public TemplateException(Sentence sentence) {
        super(sentence, null);
    }
}
