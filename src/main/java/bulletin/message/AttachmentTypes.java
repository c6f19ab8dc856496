package bulletin.message;

import java.io.IOException;
import java.net.FileNameMap;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The MIME type an attachment (or an inline image) goes out with, so that a mail client shows
 * what it is and opens it with the right program. Not a list of Bulletin's own: the JDK's type
 * map first (it knows PDF, office and OpenDocument files, CSV, images, audio, archives, the same
 * on every machine), then the system's ({@code /etc/mime.types} on Debian: calendars and the
 * rest), by the file's extension in any case. Anything neither knows is
 * {@code application/octet-stream}.
 */
public final class AttachmentTypes {

    private static final String UNKNOWN = "application/octet-stream";
    private static final FileNameMap JDK = URLConnection.getFileNameMap();

    private AttachmentTypes() {
    }

    public static String of(Path file) {
        String name = file.getFileName().toString();
        String type = JDK.getContentTypeFor(name);
        if (type == null) {
            type = JDK.getContentTypeFor(name.toLowerCase(Locale.ROOT));
        }
        if (type == null) {
            try {
                type = Files.probeContentType(Path.of(name.toLowerCase(Locale.ROOT)));
            } catch (IOException | RuntimeException unknown) {
                type = null;
            }
        }
        return type == null || type.isBlank() ? UNKNOWN : type;
    }
}
