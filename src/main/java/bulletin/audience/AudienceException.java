package bulletin.audience;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;
import java.nio.file.Path;

/** A problem with recipient input that stops the run before anything is sent. */
public class AudienceException extends SpokenException implements UserError {

    public AudienceException(Path file, long line, String problem) {
        this(file, line, Sentence.of("text", problem));
    }

    /** The problem in the terminal's words ({@code terminal/words*.properties}). */
    public AudienceException(Path file, long line, Sentence problem) {
        this(Sentence.of("file.problem", file + (line > 0 ? ":" + line : ""), problem));
    }

    private AudienceException(Sentence sentence) {
        super(sentence, null);
    }
}
