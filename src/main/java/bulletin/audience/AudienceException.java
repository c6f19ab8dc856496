package bulletin.audience;

import bulletin.problem.UserError;

import java.nio.file.Path;

/** A problem with recipient input that stops the run before anything is sent. */
public class AudienceException extends RuntimeException implements UserError {

    public AudienceException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
