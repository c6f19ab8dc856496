package bulletin.message;

/**
 * Everything a Bcc message carries apart from its envelope: the same for every chunk of a run.
 *
 * @param from     sender, {@code addr} or {@code Name <addr>}
 * @param replyTo  optional Reply-To, or null
 * @param toHeader what the visible To: shows: never a recipient
 * @param content  the rendered subject and bodies
 */
public record Letter(String from, String replyTo, String toHeader, RenderedContent content) {

    /** The empty group of RFC 5322: a Bcc-only message that names nobody. */
    public static final String UNDISCLOSED = "undisclosed-recipients:;";
}
