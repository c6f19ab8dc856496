package bulletin.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the feedback loop asks of the ledger and tells it: which run mailed an address a bounce is
 * about, that row BOUNCED, where unsubscribe requests by mail arrive, which runs a relay's events
 * may be about. Writes join the caller's transaction.
 */
@Repository
public class LedgerFeedback {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    LedgerFeedback(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.template = new JdbcTemplate(dataSource);
    }

    /** Bulletin's own Message-IDs: {@code <RUN.MESSAGE.EXECUTION.RANDOM@domain>} (see message.MessageIds). */
    private static final java.util.regex.Pattern OUR_MESSAGE_ID =
            // At most 18 digits: a longer run number is nobody's (and would not fit a long), so a crafted one reads as none.
            java.util.regex.Pattern.compile("<(\\d{1,18})\\.\\d+\\.\\d+\\.[0-9a-fA-F-]+@[^>]+>");
    /** How many of the latest runs a bounce without a quoted Message-ID is looked for in. */
    private static final int RECENT_RUNS = 24;

    /**
     * The run that mailed this address and that a bounce is about: the one its quoted Message-ID
     * names, else the latest run that sent to the address. Empty when Bulletin never mailed it.
     *
     * @param addressKey the address as staged (see audience.AddressNormalizer)
     * @param messageId  the Message-ID quoted by the bounce, or null
     */
    public Optional<Long> runThatMailed(String addressKey, String messageId) {
        if (messageId != null) {
            java.util.regex.Matcher ours = OUR_MESSAGE_ID.matcher(messageId.strip());
            if (ours.matches() && mailed(Long.parseLong(ours.group(1)), addressKey)) {
                return Optional.of(Long.parseLong(ours.group(1)));
            }
        }
        for (Long runId : jdbc.sql("SELECT run_id FROM bulletin_run ORDER BY created_at DESC, run_id DESC LIMIT "
                + RECENT_RUNS).query(Long.class).list()) {
            if (mailed(runId, addressKey)) {
                return Optional.of(runId);
            }
        }
        return Optional.empty();
    }

    /** Whether the run handed a message for this address to a relay. Seeks by the run, then its rows. */
    private boolean mailed(long runId, String addressKey) {
        return jdbc.sql("SELECT COUNT(*) FROM bulletin_recipient WHERE run_id = ? AND address_key = ?"
                        + " AND status IN ('SENT', 'IN_DOUBT', 'BOUNCED', 'REFUSED', 'FAILED')")
                .params(runId, addressKey).query(Long.class).single() > 0;
    }

    /** A permanent bounce came back: the address's row in that run becomes BOUNCED, with the remote words. */
    public int markBounced(long runId, String addressKey, String words) {
        return jdbc.sql("UPDATE bulletin_recipient SET status = 'BOUNCED', relay_reply = ?, updated_at = ?"
                        + " WHERE run_id = ? AND address_key = ? AND status IN ('SENT', 'IN_DOUBT')")
                .params(Ledger.truncate(words, 2000), Ledger.now(), runId, addressKey).update();
    }

    /** The List-Unsubscribe addresses the runs gave, lower-cased: where requests by mail arrive. */
    public java.util.Set<String> unsubscribeAddresses() {
        return new java.util.HashSet<>(jdbc.sql("SELECT DISTINCT LOWER(unsubscribe_mail) FROM bulletin_run"
                + " WHERE unsubscribe_mail IS NOT NULL").query(String.class).list());
    }

    /** Runs that went through one of these relays since {@code since}, newest first. */
    public List<RunRecord> runsThrough(java.util.Collection<String> relays, Instant since) {
        if (relays.isEmpty()) {
            return List.of();
        }
        return new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(template)
                .query("SELECT " + Ledger.RUN_COLUMNS + " FROM bulletin_run WHERE relay IN (:relays) AND created_at >= :since"
                                + " ORDER BY created_at DESC",
                        new org.springframework.jdbc.core.namedparam.MapSqlParameterSource("relays", relays)
                                .addValue("since", Timestamp.from(since)),
                        Ledger::run);
    }
}
