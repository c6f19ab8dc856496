package bulletin.message;

import bulletin.text.Ascii;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The headers that tell mail providers a message belongs to a list and how to leave it
 * (RFC 2919, RFC 2369, RFC 8058).
 *
 * @param name           the list's name, shown as the List-Id phrase
 * @param id             the list identifier, e.g. {@code bureau.amis.example}
 * @param unsubscribeMail the address that takes unsubscribe requests, or null
 * @param unsubscribeUrl  an https URL that unsubscribes, or null; per recipient in personal mode
 * @param oneClick       the URL unsubscribes in one POST (RFC 8058): only for a per-recipient URL
 */
public record ListHeaders(String name, String id, String unsubscribeMail, String unsubscribeUrl, boolean oneClick) {

    /** {@code <mailto:…?subject=unsubscribe>, <https://…>}, or null when there is neither. */
    String listUnsubscribe() {
        List<String> uris = new ArrayList<>();
        if (unsubscribeMail != null) {
            uris.add("<mailto:" + unsubscribeMail + "?subject=unsubscribe>");
        }
        if (unsubscribeUrl != null) {
            uris.add("<" + unsubscribeUrl + ">");
        }
        return uris.isEmpty() ? null : String.join(", ", uris);
    }

    /** A list identifier from a nickname or name and the sender's domain: {@code bureau.amis.example}. */
    public static String idFor(String label, String senderDomain) {
        String slug = Ascii.fold(label).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return (slug.isEmpty() ? "list" : slug) + "." + senderDomain;
    }
}
