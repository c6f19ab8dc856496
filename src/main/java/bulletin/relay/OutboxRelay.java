package bulletin.relay;

import bulletin.files.OutboxFiles;
import bulletin.files.OwnerOnly;
import bulletin.text.Sentence;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * The relay of the embedded defaults: each message becomes {@code NAME.eml} (exactly the bytes
 * an SMTP relay would receive after DATA) plus {@code NAME.envelope}, the SMTP envelope in
 * SMTP's own words ({@code MAIL FROM:<…>}, one {@code RCPT TO:<…>} a recipient). The envelope
 * must be kept beside the message because a Bcc message names none of its recipients.
 * Both files are written under a temporary name and moved into place, so that a crash never
 * leaves half a message.
 */
final class OutboxRelay implements Relay {

    private final Path directory;
    private final String envelopeFrom;

    OutboxRelay(Path directory, String envelopeFrom) {
        this.directory = directory;
        this.envelopeFrom = envelopeFrom;
    }

    @Override
    public String description() {
        return RelayProfiles.OUTBOX + " " + directory;
    }

    @Override
    public DeliveryReport send(ComposedMessage message, List<String> envelope, SendJournal journal) {
        try {
            OwnerOnly.folders(directory);
            String name = fileName(message);
            Path eml = directory.resolve(name + OutboxFiles.MESSAGE);
            Path tmp = directory.resolve(name + OutboxFiles.MESSAGE + ".tmp");
            try (OutputStream out = OwnerOnly.newOutputStream(tmp)) {
                out.write(message.bytes());
            }
            StringBuilder lines = new StringBuilder("MAIL FROM:<").append(envelopeFrom).append(">\n");
            envelope.forEach(address -> lines.append("RCPT TO:<").append(address).append(">\n"));
            Path envelopeFile = directory.resolve(name + OutboxFiles.ENVELOPE);
            Path envelopeTmp = directory.resolve(name + OutboxFiles.ENVELOPE + ".tmp");
            OwnerOnly.writeString(envelopeTmp, lines);
            Files.move(envelopeTmp, envelopeFile, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, eml, StandardCopyOption.ATOMIC_MOVE);
            return DeliveryReport.allAccepted(envelope, "250 written to " + eml);
        } catch (IOException e) {
            throw new RelayException(RelayException.Kind.RUN, Sentence.of("outbox.cannot-write", directory, e.getMessage()), e);
        }
    }

    /** The Message-ID's local part (unique, and in sending order), or a fresh name for a message without one. */
    private static String fileName(ComposedMessage message) {
        String id = message.messageId();
        String local = id == null ? "" : id.replaceAll("^<|@.*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        if (local.isEmpty()) {
            local = "message-" + UUID.randomUUID();
        }
        return local.length() > 120 ? local.substring(0, 120) : local;
    }

    @Override
    public void close() {
        // files are closed as they are written
    }
}
