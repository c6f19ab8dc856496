package bulletin.yaml;

import bulletin.problem.UserError;

import java.nio.file.Path;

/** A YAML file (job file, list definition) that cannot be used as written; the message names the file, the line and the key. */
public class YamlFileException extends RuntimeException implements UserError {

    public YamlFileException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
