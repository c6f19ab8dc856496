package bulletin.ledger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a send met on its way, kept for the run report's timeline: the tries again of addresses a
 * relay did not take, and the waits for a relay's budget. The ledger keeps each recipient's last
 * answer; these are the moments before it. Writes join the caller's transaction (the send loop
 * records them with the answers of the same round).
 */
@Repository
public class SendEvents {

    public enum Kind {
        /** The relay did not take some addresses (deferred, or the connection failed): tried again after a wait. */
        RETRY,
        /** The relay's budget was spent for a while: the send waited. */
        PAUSE
    }

    /** @param words the relay's reply, or the budget that made the send wait */
    public record SendEvent(Instant at, Kind kind, int recipients, Duration delay, String words) {
    }

    private final JdbcTemplate jdbc;

    SendEvents(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void record(long runId, long executionId, List<SendEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO bulletin_send_event (run_id, execution_id, happened_at, kind, recipients, delay_ms, words)"
                + " VALUES (?,?,?,?,?,?,?)", events.stream().map(event -> new Object[] {runId, executionId,
                Timestamp.from(event.at()), event.kind().name(), event.recipients(), event.delay().toMillis(),
                Ledger.truncate(event.words(), 2000)})
                .toList());
    }

    /** The run's events, in the order they happened. */
    public List<SendEvent> ofRun(long runId) {
        return jdbc.query("SELECT happened_at, kind, recipients, delay_ms, words FROM bulletin_send_event WHERE run_id = ?"
                        + " ORDER BY happened_at", (rs, row) -> new SendEvent(rs.getTimestamp(1).toInstant(),
                                Kind.valueOf(rs.getString(2)),
                        rs.getInt(3), Duration.ofMillis(rs.getLong(4)), rs.getString(5)), runId);
    }

    /** A purged run keeps its events' moments and counts, not the relay's words (they may name an address). */
    public int forgetWords(long runId) {
        return jdbc.update("UPDATE bulletin_send_event SET words = NULL WHERE run_id = ? AND words IS NOT NULL", runId);
    }

    /** One person erased: the relay's words that name their address go. */
    public int forgetAddress(String address) {
        return jdbc.update("UPDATE bulletin_send_event SET words = NULL WHERE LOWER(words) LIKE ? ESCAPE '\\'",
                "%" + address.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%");
    }
}
