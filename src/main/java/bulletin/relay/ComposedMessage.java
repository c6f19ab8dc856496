package bulletin.relay;

import java.util.Objects;

/**
 * A message as a relay takes it: its bytes exactly as an SMTP server receives them after
 * {@code DATA} (CRLF line ends, no Bcc header, no recipient address in a header of a Bcc message),
 * composed elsewhere, and its Message-ID (which names it in the outbox). What a relay needs
 * besides is the envelope; how it reaches the server is the relay's business.
 */
public record ComposedMessage(String messageId, byte[] bytes) {

    public ComposedMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(bytes, "bytes");
    }
}
