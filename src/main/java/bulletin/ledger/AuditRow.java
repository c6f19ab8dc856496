package bulletin.ledger;

import java.time.Instant;

/** One line of the audit: a recipient of a run, its state and the relay's answer. */
public record AuditRow(String campaign, String period, Long executionId, int seq, String address, String displayName,
                       DeliveryStatus status, String reason, Integer messageNo, String messageId, String relayReply,
                       String sourceFile, Long sourceLine, Instant updatedAt) {
}
