package bulletin.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Members refused because of the sender or the message, per run and recipient domain: what
 * {@code feedback}, {@code status} and the run report tell the operator, since such a refusal
 * never touches the member. No address is kept, only its domain and the remote words with
 * addresses masked. Writes join the caller's transaction.
 */
@Repository
public class CampaignProblems {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:@\\[\\]]+@([A-Za-z0-9.-]+)");

    /** One recipient domain's refusals in a run, and what its servers said once. */
    public record Problem(String domain, int refusals, String example) {
    }

    private final JdbcTemplate jdbc;

    CampaignProblems(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** One more refusal of this address's domain in this run, with the remote words. */
    public void refused(long runId, String address, String words) {
        String domain = domain(address);
        String example = Ledger.truncate(masked(words), 2000);
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE bulletin_campaign_problem SET refusals = refusals + 1, last_seen = ?"
                + " WHERE run_id = ? AND domain = ?", now, runId, domain);
        if (updated == 0) {
            jdbc.update("INSERT INTO bulletin_campaign_problem (run_id, domain, refusals, example, first_seen, last_seen)"
                    + " VALUES (?,?,1,?,?,?)", runId, domain, example, now, now);
        }
    }

    /** The run's problems, the most refused domain first. */
    public List<Problem> ofRun(long runId) {
        return jdbc.query("SELECT domain, refusals, example FROM bulletin_campaign_problem WHERE run_id = ?"
                        + " ORDER BY refusals DESC, domain",
                (rs, n) -> new Problem(rs.getString("domain"), rs.getInt("refusals"), rs.getString("example")), runId);
    }

    /** The problems in one line, for {@code status}: "gmail.com 12, orange.fr 3"; null when there are none. */
    public String summaryOf(long runId) {
        List<Problem> problems = ofRun(runId);
        if (problems.isEmpty()) {
            return null;
        }
        return String.join(", ", problems.stream().map(p -> p.domain() + " " + p.refusals()).toList());
    }

    /** The words with each address replaced by its domain: the example outlives the run's personal data. */
    static String masked(String words) {
        return words == null ? null : ADDRESS.matcher(words).replaceAll("…@$1");
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return Ledger.truncate((at < 0 ? "?" : address.substring(at + 1)).strip().toLowerCase(Locale.ROOT), 255);
    }
}
