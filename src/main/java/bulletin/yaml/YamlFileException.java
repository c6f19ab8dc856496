package bulletin.yaml;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;
import java.nio.file.Path;

/** A YAML file (job file, list definition) that cannot be used as written; the message names the file, the line and the key. */
public class YamlFileException extends SpokenException implements UserError {

    public YamlFileException(Path file, int line, String problem) {
        this(file, line, Sentence.of("text", problem));
    }

    /** The problem in the terminal's words ({@code terminal/words*.properties}). */
    public YamlFileException(Path file, int line, Sentence problem) {
        this(Sentence.of("file.problem", file + (line > 0 ? ":" + line : ""), problem));
    }

    private YamlFileException(Sentence sentence) {
        super(sentence, null);
    }
}
