package bulletin.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the feedback loop keeps about people, for a purge: the Mailjet events and temporary
 * failures of a run (addresses), and the words of the mailbox messages it read (which may quote
 * them). What a message was is kept without its words, so that it is never acted on twice.
 */
@Component
public class FeedbackRetention {

    private final JdbcClient jdbc;

    FeedbackRetention(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Rows about people that came back from this run. */
    public long rowsOf(long runId) {
        return count("SELECT COUNT(*) FROM bulletin_mailjet_event WHERE run_id = ?", runId)
                + count("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE run_id = ?", runId);
    }

    public int forgetRun(long runId) {
        return jdbc.sql("DELETE FROM bulletin_mailjet_event WHERE run_id = ?").param(runId).update()
                + jdbc.sql("DELETE FROM bulletin_soft_bounce WHERE run_id = ?").param(runId).update();
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
        String lower = address.strip().toLowerCase(java.util.Locale.ROOT);
        return jdbc.sql("SELECT COUNT(*) FROM bulletin_mailjet_event WHERE LOWER(address) = ?").param(lower)
                .query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM bulletin_soft_bounce WHERE address_key = ?").param(lower)
                .query(Long.class).single();
    }

    public int forgetAddress(String address) {
        String lower = address.strip().toLowerCase(java.util.Locale.ROOT);
        return jdbc.sql("DELETE FROM bulletin_mailjet_event WHERE LOWER(address) = ?").param(lower).update()
                + jdbc.sql("DELETE FROM bulletin_soft_bounce WHERE address_key = ?").param(lower).update();
    }

    private long count(String sql, long runId) {
        return jdbc.sql(sql).param(runId).query(Long.class).single();
    }
}
