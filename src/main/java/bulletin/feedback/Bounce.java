package bulletin.feedback;

/**
 * One address a bounce says could not be reached.
 *
 * @param address           the failed address, as the bounce gives it
 * @param status            the enhanced status ({@code 5.1.1}), or the SMTP code when only that is given
 * @param permanent         a 5.x.x failure (suppress at once) rather than a 4.x.x one (count)
 * @param words             the remote server's words ({@code Diagnostic-Code}, or the reply quoted in the text)
 * @param originalMessageId the Message-ID of the message that bounced, when the bounce quotes it
 */
public record Bounce(String address, String status, boolean permanent, String words, String originalMessageId) {
}
