package bulletin.message;

/**
 * A campaign's content rendered once: what every message of a Bcc run carries.
 *
 * @param subject the subject line
 * @param html    the HTML body, or null when the template has no HTML part
 * @param text    the plain-text body, or null when the template has no text part
 */
public record RenderedContent(String subject, String html, String text) {
}
