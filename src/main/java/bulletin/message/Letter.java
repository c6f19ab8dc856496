package bulletin.message;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a message carries apart from its envelope and Message-ID.
 *
 * @param from        sender, {@code addr} or {@code Name <addr>}
 * @param replyTo     optional Reply-To, or null
 * @param to          what the visible To: shows: {@link #UNDISCLOSED} or the sender for a Bcc message,
 *                    the recipient for a personal one
 * @param content     the rendered subject and bodies
 * @param list        List-Id and List-Unsubscribe, or null
 * @param imagesDir   where images the HTML names by a relative path are taken from (sent inline), or null
 * @param attachments files attached to the message
 * @param draft       for a letter written in a mail client: the images its HTML embeds and its attachments,
 *                    sent byte for byte (its subject and bodies are {@code content}); else null
 */
public record Letter(String from, String replyTo, String to, RenderedContent content, ListHeaders list, Path imagesDir,
                     List<Path> attachments, DraftLetter draft) {

    /** The empty group of RFC 5322: a Bcc-only message that names nobody. */
    public static final String UNDISCLOSED = "undisclosed-recipients:;";

    public Letter {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Letter(String from, String replyTo, String to, RenderedContent content, ListHeaders list, Path imagesDir,
                  List<Path> attachments) {
        this(from, replyTo, to, content, list, imagesDir, attachments, null);
    }

    public Letter(String from, String replyTo, String to, RenderedContent content) {
        this(from, replyTo, to, content, null, null, List.of());
    }
}
