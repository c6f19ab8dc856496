package bulletin.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the feedback loop has already read, so that nothing is read twice: every mailbox message
 * examined (and whether it was left alone, applied, or set aside), and the temporary failures
 * counted per address.
 */
@Repository
class FeedbackStore {

    /** Where a message stands. */
    enum State { LEFT, APPLIED, SET_ASIDE }

    private final JdbcClient jdbc;

    FeedbackStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    Optional<State> state(String mailbox, String key) {
        return jdbc.sql("SELECT state FROM bulletin_feedback_message WHERE mailbox = ? AND message_key = ?")
                .params(mailbox, key).query(String.class).optional().map(State::valueOf);
    }

    /** Whether another copy of this message (same Message-ID) was acted on already. */
    boolean appliedElsewhere(String messageId) {
        return messageId != null && jdbc.sql("SELECT COUNT(*) FROM bulletin_feedback_message WHERE message_id = ?"
                + " AND state IN ('APPLIED', 'SET_ASIDE')").param(messageId).query(Long.class).single() > 0;
    }

    void record(String mailbox, String key, String messageId, String kind, String detail, State state) {
        jdbc.sql("INSERT INTO bulletin_feedback_message (mailbox, message_key, message_id, kind, detail, state, seen_at)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(mailbox, key, truncate(messageId, 1000), kind, truncate(detail, 4000), state.name(), now())
                .update();
    }

    void setAside(String mailbox, String key) {
        jdbc.sql("UPDATE bulletin_feedback_message SET state = 'SET_ASIDE' WHERE mailbox = ? AND message_key = ?")
                .params(mailbox, key).update();
    }

    /**
     * Counts a temporary failure once per source; returns from how many runs (or sources without a
     * run) the address has failed so far.
     */
    int countSoftBounce(String addressKey, String source, Long runId, String status, String words) {
        if (jdbc.sql("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE address_key = ? AND source = ?")
                .params(addressKey, source).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO bulletin_soft_bounce (address_key, source, run_id, status, words, seen_at)"
                            + " VALUES (?,?,?,?,?,?)")
                    .params(addressKey, truncate(source, 1000), runId, truncate(status, 30), truncate(words, 2000), now())
                    .update();
        }
        return jdbc.sql("SELECT COUNT(DISTINCT COALESCE(CAST(run_id AS VARCHAR(30)), source)) FROM bulletin_soft_bounce"
                + " WHERE address_key = ?").param(addressKey).query(Integer.class).single();
    }

    /** Records a Mailjet event (a message and its status) the first time it is seen; false when seen before. */
    boolean firstTime(long mailjetMessageId, String status, Long runId, String address) {
        if (jdbc.sql("SELECT COUNT(*) FROM bulletin_mailjet_event WHERE mailjet_message_id = ? AND status = ?")
                .params(mailjetMessageId, status).query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO bulletin_mailjet_event (mailjet_message_id, status, run_id, address, seen_at)"
                        + " VALUES (?,?,?,?,?)")
                .params(mailjetMessageId, status, runId, truncate(address, 1000), now()).update();
        return true;
    }

    /** How far a run's Mailjet events were read: when, and how many events were applied in all. */
    void pulled(long runId, long campaignId, int events) {
        int updated = jdbc.sql("UPDATE bulletin_mailjet_pull SET campaign_id = ?, pulled_at = ?, events = events + ?"
                + " WHERE run_id = ?").params(campaignId, now(), events, runId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO bulletin_mailjet_pull (run_id, campaign_id, pulled_at, events) VALUES (?,?,?,?)")
                    .params(runId, campaignId, now(), events).update();
        }
    }

    /** When Bulletin last mailed this address about an unsubscribe request (asked or told), if ever. */
    Optional<Instant> lastConfirmationTo(String addressKey) {
        return jdbc.sql("SELECT MAX(asked_at) FROM bulletin_unsubscribe_confirmation WHERE address_key = ?")
                .param(addressKey).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    void confirmationSent(String token, String kind, String address, String addressKey, Long runId) {
        jdbc.sql("INSERT INTO bulletin_unsubscribe_confirmation (token, kind, address, address_key, run_id, asked_at)"
                + " VALUES (?,?,?,?,?,?)").params(token, kind, truncate(address, 1000), truncate(addressKey, 1000), runId,
                now()).update();
    }

    /** A confirmation Bulletin asked for: whom, from which run, when, and whether it was answered already. */
    record Ask(String address, Long runId, Instant askedAt, boolean answered) {
    }

    Optional<Ask> ask(String token) {
        return jdbc.sql("SELECT address, run_id, asked_at, answered_at FROM bulletin_unsubscribe_confirmation"
                        + " WHERE token = ? AND kind = 'ASK'").param(token)
                .query((rs, n) -> new Ask(rs.getString("address"), (Long) rs.getObject("run_id", Long.class),
                        rs.getTimestamp("asked_at").toInstant(), rs.getTimestamp("answered_at") != null))
                .optional();
    }

    void answered(String token) {
        jdbc.sql("UPDATE bulletin_unsubscribe_confirmation SET answered_at = ? WHERE token = ?").params(now(), token)
                .update();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
