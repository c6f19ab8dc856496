package bulletin.ledger;

import java.time.Instant;

/**
 * What a run froze: its identity, sender and relay when it was staged, and its content once rendered.
 *
 * @param runId     the run's id (the Spring Batch job instance id)
 * @param toHeader  what the visible To: header of a Bcc message shows
 * @param envelopeSize recipients per message: the campaign's in Bcc mode, 1 in personal mode
 * @param content   what the render step froze, or null before it ran
 * @param relayReason why this relay: named in the job file, or chosen by size (relay: auto)
 * @param sentCopy  the mailbox whose Sent folder keeps a copy of the campaign's message, or null
 */
public record RunRecord(long runId, String campaign, String period, String jobFile, String relay, String sender,
                        String replyTo, String toHeader, int envelopeSize, Instant createdAt, RunContent content,
                        String relayReason, String sentCopy) {
}
