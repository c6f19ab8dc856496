package bulletin.feedback;

import bulletin.audience.AddressKeys;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the feedback loop keeps about people, for a purge: the Mailjet events, temporary
 * failures and unsubscribe confirmations of a run (addresses), and the words of the mailbox messages it read (which may quote
 * them). What a message was is kept without its words, so that it is never acted on twice.
 */
@Component
public class FeedbackRetention {

    private final JdbcClient jdbc;

    private final AddressKeys keys;

    FeedbackRetention(DataSource dataSource, AddressKeys keys) {
        this.keys = keys;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** One temporary failure counted against an address: when, from which run, what the server said. */
    public record CountedFailure(Instant seenAt, Long runId, String status, String words) {
    }

    /** The temporary failures counted against this address, oldest first: what {@code audit --address} shows. */
    public List<CountedFailure> countedFailuresOf(String address) {
        return jdbc.sql("SELECT seen_at, run_id, status, words FROM bulletin_soft_bounce WHERE address_key = ?"
                        + " ORDER BY seen_at")
                .param(keys.of(address))
                .query((rs, n) -> new CountedFailure(rs.getTimestamp("seen_at").toInstant(),
                        (Long) rs.getObject("run_id", Long.class), rs.getString("status"), rs.getString("words")))
                .list();
    }

    /** Rows about people that came back from this run. */
    public long rowsOf(long runId) {
        return count("SELECT COUNT(*) FROM bulletin_mailjet_event WHERE run_id = ?", runId)
                + count("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE run_id = ?", runId)
                + count("SELECT COUNT(*) FROM bulletin_unsubscribe_confirmation WHERE run_id = ?", runId);
    }

    public int forgetRun(long runId) {
        return jdbc.sql("DELETE FROM bulletin_mailjet_event WHERE run_id = ?").param(runId).update()
                + jdbc.sql("DELETE FROM bulletin_soft_bounce WHERE run_id = ?").param(runId).update()
                + jdbc.sql("DELETE FROM bulletin_unsubscribe_confirmation WHERE run_id = ?").param(runId).update();
    }

    /** Mailbox messages read before {@code cutoff} whose words are still kept. */
    public long messagesWithWordsBefore(Instant cutoff) {
        return jdbc.sql("SELECT COUNT(*) FROM bulletin_feedback_message WHERE seen_at < ? AND detail IS NOT NULL")
                .param(Timestamp.from(cutoff)).query(Long.class).single();
    }

    public int forgetWordsBefore(Instant cutoff) {
        return jdbc.sql("UPDATE bulletin_feedback_message SET detail = NULL WHERE seen_at < ? AND detail IS NOT NULL")
                .param(Timestamp.from(cutoff)).update();
    }

    /** Rows about this address that came back from any run. */
    public long rowsOfAddress(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        return jdbc.sql("SELECT COUNT(*) FROM bulletin_mailjet_event WHERE LOWER(address) = ?").param(lower)
                .query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE address_key = ?").param(lower)
                .query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM bulletin_unsubscribe_confirmation WHERE address_key = ?").param(lower)
                .query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM bulletin_feedback_message WHERE LOWER(detail) LIKE ? ESCAPE '\\'").param(like(lower))
                .query(Long.class).single();
    }

    public int forgetAddress(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        return jdbc.sql("DELETE FROM bulletin_mailjet_event WHERE LOWER(address) = ?").param(lower).update()
                + jdbc.sql("DELETE FROM bulletin_soft_bounce WHERE address_key = ?").param(lower).update()
                + jdbc.sql("DELETE FROM bulletin_unsubscribe_confirmation WHERE address_key = ?").param(lower).update()
                // A message's words name its sender ("from Amelie Martin <amelie@…>"): they go, what it was stays.
                + jdbc.sql("UPDATE bulletin_feedback_message SET detail = NULL WHERE LOWER(detail) LIKE ? ESCAPE '\\'")
                .param(like(lower)).update();
    }

    /** A LIKE pattern for text containing this address, its wildcards taken literally. */
    private static String like(String lower) {
        return "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private long count(String sql, long runId) {
        return jdbc.sql(sql).param(runId).query(Long.class).single();
    }
}
