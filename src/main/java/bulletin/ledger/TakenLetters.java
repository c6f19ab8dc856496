package bulletin.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The letters runs took from the association's mailbox ({@code bulletin_letter}, V19), by
 * Message-ID: a letter is the letter of one run only, whatever became of it in the mailbox.
 */
@Repository
public class TakenLetters {

    private final JdbcClient jdbc;

    TakenLetters(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The run that took this letter, other than {@code runId}; empty when none did. */
    public Optional<Long> takenByAnother(String messageId, long runId) {
        return jdbc.sql("SELECT run_id FROM bulletin_letter WHERE message_id = ? AND run_id <> ? ORDER BY run_id")
                .params(messageId, runId).query(Long.class).list().stream().findFirst();
    }

    /** The run takes this letter: no other run takes it again. */
    public void take(String messageId, long runId) {
        if (jdbc.sql("SELECT COUNT(*) FROM bulletin_letter WHERE message_id = ? AND run_id = ?").params(messageId, runId)
                .query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO bulletin_letter (message_id, run_id, taken_at) VALUES (?, ?, ?)")
                    .params(messageId, runId, Timestamp.from(Instant.now())).update();
        }
    }

    /** Where the letter went once its run completed, in words, for the report and the summary. */
    public void filed(String messageId, long runId, String where) {
        jdbc.sql("UPDATE bulletin_letter SET filed = ? WHERE message_id = ? AND run_id = ?")
                .params(Ledger.truncate(where, 2000), messageId, runId).update();
    }

    /** Whether the run's letter was filed already (moved to the sent folder, or found gone). */
    public boolean isFiled(String messageId, long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM bulletin_letter WHERE message_id = ? AND run_id = ? AND filed IS NOT NULL")
                .params(messageId, runId).query(Long.class).single() > 0;
    }

    /** The letter a run took, by Message-ID; empty for a run of templates. */
    public Optional<String> ofRun(long runId) {
        return jdbc.sql("SELECT message_id FROM bulletin_letter WHERE run_id = ? ORDER BY message_id").param(runId)
                .query(String.class).list().stream().findFirst();
    }
}
