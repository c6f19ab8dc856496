package bulletin.mailbox;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Bulletin reads of one mailbox message, at most: a bounce, a complaint or a request is a
 * few kilobytes, a bounce quoting the whole letter a few megabytes. A message past a limit is
 * not parsed at all (a 60 MB mail, or one nested 30,000 deep, would take the heap or the stack
 * and stop every read): it is named, left unread in the inbox, and the read goes on.
 */
public final class MessageLimits {

    /** The largest message read: 10 MB, checked against the server's size before anything is fetched. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** The most MIME parts (multipart and attached messages) one message may declare: their nesting is at most that deep. */
    public static final int MAX_PARTS = 200;

    private static final Pattern CONTAINER = Pattern.compile("(?im)^content-type:\\s*\"?(multipart|message)/");

    private MessageLimits() {
    }

    /** Why a message of this size is not read, or null when it may be. */
    static String size(long bytes) {
        return bytes > MAX_BYTES ? "larger than " + MAX_BYTES / (1024 * 1024) + " MB (" + bytes / (1024 * 1024)
                + " MB): not read" : null;
    }

    /** Why this raw message is not parsed (too many parts, too large), or null when it may be. */
    static String structure(byte[] raw) {
        if (raw.length > MAX_BYTES) {
            return size(raw.length);
        }
        Matcher matcher = CONTAINER.matcher(new String(raw, StandardCharsets.ISO_8859_1));
        int parts = 0;
        while (matcher.find()) {
            if (++parts > MAX_PARTS) {
                return "more than " + MAX_PARTS + " nested or attached parts: not read";
            }
        }
        return null;
    }
}
