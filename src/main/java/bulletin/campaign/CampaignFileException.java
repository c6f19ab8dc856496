package bulletin.campaign;

import java.nio.file.Path;

/** A job file that cannot be used as written; the message names the file, the line and the key. */
public class CampaignFileException extends RuntimeException {

    public CampaignFileException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
