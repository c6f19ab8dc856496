package bulletin.files;

import java.nio.file.Path;

/**
 * The two files the outbox relay writes for each message, named here for it and for whoever reads
 * them (the erasure of a person): {@code NAME.eml}, the message as it would have gone, and
 * {@code NAME.envelope}, its SMTP envelope (MAIL FROM and one RCPT TO line per recipient).
 */
public final class OutboxFiles {

    public static final String MESSAGE = ".eml";
    public static final String ENVELOPE = ".envelope";

    private OutboxFiles() {
    }

    /** The message written beside an envelope. */
    public static Path messageOf(Path envelope) {
        String name = envelope.getFileName().toString();
        return envelope.resolveSibling(name.substring(0, name.length() - ENVELOPE.length()) + MESSAGE);
    }
}
