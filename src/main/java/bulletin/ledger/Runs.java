package bulletin.ledger;

import bulletin.message.AddressingMode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The runs (table {@code bulletin_run}): one row per run of a campaign for a period, with what its
 * steps decided — the relay and why, the content its render step froze, what became of its Sent
 * copy. Every method joins the caller's transaction (the step's), none opens one. The recipient
 * rows of a run are {@link Ledger}'s.
 */
@Repository
public class Runs {

    static final String RUN_COLUMNS = "run_id, campaign, period, job_file, relay, sender, reply_to, to_header,"
            + " envelope_size, created_at, rendered_at, mode, subject, html_body, text_body, list_name, list_id,"
            + " unsubscribe_mail, unsubscribe_url, attachments, variables, templates, relay_reason,"
            + " sent_copy_mailbox";

    private final JdbcTemplate jdbc;

    Runs(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Records the run, or replaces what an unfinished staging of it recorded (its recipient rows go too). */
    public void saveRun(RunRecord run) {
        jdbc.update("DELETE FROM bulletin_recipient WHERE run_id = ?", run.runId());
        jdbc.update("DELETE FROM bulletin_run WHERE run_id = ?", run.runId());
        // The period's first run is take 1; a run after abandoned ones takes the next number (the
        // unique (campaign, period, take) stops two from staging the same one).
        Integer take = jdbc.queryForObject("SELECT COALESCE(MAX(take), 0) + 1 FROM bulletin_run"
                + " WHERE campaign = ? AND period = ?", Integer.class, run.campaign(), run.period());
        jdbc.update("INSERT INTO bulletin_run (run_id, campaign, period, job_file, relay, sender, reply_to, to_header,"
                        + " envelope_size, created_at, take, sent_copy_mailbox) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                run.runId(), run.campaign(), run.period(), run.jobFile(), run.relay(), run.sender(), run.replyTo(),
                run.toHeader(), run.envelopeSize(), Timestamp.from(run.createdAt()), take, run.sentCopy());
    }

    public Optional<RunRecord> findRun(long runId) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM bulletin_run WHERE run_id = ?", Runs::run, runId).stream()
                .findFirst();
    }

    /** The one mapper of a run's row ({@link #RUN_COLUMNS}). */
    static RunRecord run(ResultSet rs, int row) throws SQLException {
        RunContent content = rs.getTimestamp("rendered_at") == null ? null : new RunContent(
                AddressingMode.valueOf(rs.getString("mode")), rs.getString("subject"), rs.getString("html_body"),
                rs.getString("text_body"), rs.getString("list_name"), rs.getString("list_id"),
                rs.getString("unsubscribe_mail"), rs.getString("unsubscribe_url"), paths(rs.getString("attachments")),
                Fields.decode(rs.getString("variables")), Fields.decode(rs.getString("templates")));
        return new RunRecord(rs.getLong("run_id"), rs.getString("campaign"), rs.getString("period"),
                rs.getString("job_file"), rs.getString("relay"), rs.getString("sender"), rs.getString("reply_to"),
                rs.getString("to_header"), rs.getInt("envelope_size"), rs.getTimestamp("created_at").toInstant(), content,
                rs.getString("relay_reason"), rs.getString("sent_copy_mailbox"));
    }

    /** Attached files, one path per line. */
    private static List<Path> paths(String lines) {
        return lines == null || lines.isEmpty() ? List.of() : Arrays.stream(lines.split("\n")).map(Path::of).toList();
    }

    /** What became of the run's Sent copy, once tried: "kept in …", or why not. */
    public void recordSentCopy(long runId, String result) {
        jdbc.update("UPDATE bulletin_run SET sent_copy = ? WHERE run_id = ?", Ledger.truncate(result, 2000), runId);
    }

    public Optional<String> sentCopy(long runId) {
        return jdbc.queryForList("SELECT sent_copy FROM bulletin_run WHERE run_id = ? AND sent_copy IS NOT NULL",
                String.class, runId).stream().findFirst();
    }

    /** The relay chosen for the run once its audience is known (relay: auto), and why. */
    public void setRelay(long runId, String relay, String reason) {
        jdbc.update("UPDATE bulletin_run SET relay = ?, relay_reason = ? WHERE run_id = ?", relay, reason, runId);
    }

    public void markStaged(long runId) {
        jdbc.update("UPDATE bulletin_run SET staged_at = ? WHERE run_id = ?", Ledger.now(), runId);
    }

    /** The content the render step froze: what every attempt of the run sends, whatever became of the files. */
    public void saveContent(long runId, RunContent content) {
        jdbc.update("UPDATE bulletin_run SET mode = ?, subject = ?, html_body = ?, text_body = ?, list_name = ?, list_id = ?,"
                        + " unsubscribe_mail = ?, unsubscribe_url = ?, attachments = ?, variables = ?, templates = ?,"
                        + " rendered_at = ? WHERE run_id = ?",
                content.mode().name(), content.subject(), content.html(), content.text(), content.listName(),
                content.listId(), content.unsubscribeMail(), content.unsubscribeUrl(),
                content.attachments().stream().map(Path::toString).collect(Collectors.joining("\n")),
                Fields.encode(content.variables()), Fields.encode(content.templates()), Ledger.now(), runId);
    }
}
