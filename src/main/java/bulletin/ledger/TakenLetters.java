package bulletin.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The letters runs took from the association's mailbox ({@code bulletin_letter}, V19), by
 * Message-ID: a letter is the letter of one run only, whatever became of it in the mailbox.
 */
@Repository
public class TakenLetters {

    private final JdbcTemplate jdbc;

    TakenLetters(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The run that took this letter, other than {@code runId}; empty when none did. */
    public Optional<Long> takenByAnother(String messageId, long runId) {
        return jdbc.queryForList("SELECT run_id FROM bulletin_letter WHERE message_id = ? AND run_id <> ? ORDER BY run_id",
                Long.class, messageId, runId).stream().findFirst();
    }

    /** The run takes this letter: no other run takes it again. */
    public void take(String messageId, long runId) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_letter WHERE message_id = ? AND run_id = ?",
                Long.class, messageId, runId) == 0) {
            jdbc.update("INSERT INTO bulletin_letter (message_id, run_id, taken_at) VALUES (?, ?, ?)",
                    messageId, runId, Timestamp.from(Instant.now()));
        }
    }

    /** Where the letter went once its run completed, in words, for the report and the summary. */
    public void filed(String messageId, long runId, String where) {
        jdbc.update("UPDATE bulletin_letter SET filed = ? WHERE message_id = ? AND run_id = ?",
                Ledger.truncate(where, 2000), messageId, runId);
    }

    /** Whether the run's letter was filed already (moved to the sent folder, or found gone). */
    public boolean isFiled(String messageId, long runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_letter WHERE message_id = ? AND run_id = ?"
                + " AND filed IS NOT NULL", Long.class, messageId, runId) > 0;
    }

    /** The letter a run took, by Message-ID; empty for a run of templates. */
    public Optional<String> ofRun(long runId) {
        return jdbc.queryForList("SELECT message_id FROM bulletin_letter WHERE run_id = ? ORDER BY message_id",
                String.class, runId).stream().findFirst();
    }
}
