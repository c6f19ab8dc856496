package bulletin.message;

import bulletin.problem.UserError;

/**
 * A message could not be put together (an address Jakarta Mail refuses, an attachment that
 * cannot be read): something in the job's input, named in the message, with Jakarta Mail's cause.
 */
public class CompositionException extends RuntimeException implements UserError {

    public CompositionException(String message, Throwable cause) {
        super(message, cause);
    }
}
