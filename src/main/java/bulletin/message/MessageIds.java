package bulletin.message;

import java.util.UUID;

/**
 * The Message-ID of each message Bulletin sends: {@code <run.message.execution.random@domain>}.
 * It sorts in sending order, names the run and the message in a bounce that quotes it, and is
 * unique even when a restart sends a message number again.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(long runId, int messageNo, long executionId, String senderDomain) {
        return String.format("<%d.%06d.%d.%s@%s>", runId, messageNo, executionId, UUID.randomUUID(), senderDomain);
    }
}
