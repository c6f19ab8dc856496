package bulletin.audit;

import java.time.Instant;

/**
 * What a run froze: its identity, sender, relay and, once rendered, its content.
 *
 * @param runId     the run's id (the Spring Batch job instance id)
 * @param toHeader  what the visible To: header shows
 */
public record RunRecord(long runId, String campaign, String period, String jobFile, String relay, String sender,
                        String replyTo, String toHeader, int chunkSize, String subject, String html, String text,
                        Instant createdAt) {

    public boolean rendered() {
        return subject != null;
    }
}
