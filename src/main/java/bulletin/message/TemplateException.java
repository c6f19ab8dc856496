package bulletin.message;

import bulletin.problem.UserError;

/** A template that cannot be rendered as written: the message names the template, the line and the name. */
public class TemplateException extends RuntimeException implements UserError {

    public TemplateException(String message) {
        super(message);
    }
}
