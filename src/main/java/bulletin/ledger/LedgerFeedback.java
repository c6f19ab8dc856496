package bulletin.ledger;

import bulletin.message.MessageIds;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the feedback loop asks of the ledger and tells it: which run mailed an address a bounce is
 * about, that row BOUNCED, where unsubscribe requests by mail arrive, which runs a relay's events
 * may be about. Writes join the caller's transaction.
 */
@Repository
public class LedgerFeedback {

    private final JdbcTemplate jdbc;

    LedgerFeedback(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** How many of the latest runs a request by mail is looked for in. */
    private static final int RECENT_RUNS = 24;

    /**
     * The latest run that sent to this address, for what names no message (a request by mail).
     * Empty when Bulletin never mailed it.
     *
     * @param addressKey the address as staged (see audience.AddressNormalizer)
     */
    public Optional<Long> runThatMailed(String addressKey) {
        for (Long runId : jdbc.queryForList("SELECT run_id FROM bulletin_run ORDER BY created_at DESC, run_id DESC LIMIT "
                + RECENT_RUNS, Long.class)) {
            if (mailed(runId, addressKey, null)) {
                return Optional.of(runId);
            }
        }
        return Optional.empty();
    }

    /**
     * The run whose message with this Message-ID went to this address: what makes a bounce or a
     * complaint trustworthy, since only who saw that message knows its id. Empty for another
     * message of Bulletin's, for a Message-ID that is not Bulletin's, and for an invented one.
     */
    public Optional<Long> runThatSent(String addressKey, String messageId) {
        OptionalLong run = MessageIds.runOf(messageId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        String id = messageId.strip();
        return mailed(run.getAsLong(), addressKey, id) ? Optional.of(run.getAsLong()) : Optional.empty();
    }

    /**
     * Whether the run handed a message for this address to a relay (that message, when
     * {@code messageId} is not null): its row says so, or the transaction that speaks for it (see
     * {@link TransactionRanges}). Seeks by the run, then its rows.
     */
    private boolean mailed(long runId, String addressKey, String messageId) {
        record Row(int seq, DeliveryStatus status, String messageId) {
        }
        List<Row> rows = jdbc.query("SELECT seq, status, message_id FROM bulletin_recipient WHERE run_id = ? AND address_key = ?",
                (rs, n) -> new Row(rs.getInt(1), DeliveryStatus.valueOf(rs.getString(2)), rs.getString(3)), runId, addressKey);
        if (rows.stream().anyMatch(row -> DeliveryStatus.HANDED_TO_RELAY.contains(row.status())
                && (messageId == null || messageId.equals(row.messageId())))) {
            return true;
        }
        List<Row> pending = rows.stream().filter(row -> row.status() == DeliveryStatus.PENDING).toList();
        if (pending.isEmpty()) {
            return false;
        }
        TransactionRanges ranges = TransactionRanges.of(jdbc, runId);
        return pending.stream().anyMatch(row -> ranges.holding(row.seq())
                .filter(range -> DeliveryStatus.HANDED_TO_RELAY.contains(range.shown()))
                .filter(range -> messageId == null || messageId.equals(range.messageId())).isPresent());
    }

    /** A permanent bounce came back: the address's row in that run becomes BOUNCED, with the remote words. */
    public int markBounced(long runId, String addressKey, String words) {
        // A row its transaction speaks for gets its answer first (see TransactionRanges).
        TransactionRanges.settleWhere(jdbc, runId, "address_key = ? AND status = 'PENDING'", addressKey);
        return jdbc.update("UPDATE bulletin_recipient SET status = 'BOUNCED', relay_reply = ?, updated_at = ?"
                        + " WHERE run_id = ? AND address_key = ? AND " + DeliveryStatus.sqlIn("status", DeliveryStatus.MAY_BOUNCE),
                Ledger.truncate(words, 2000), Ledger.now(), runId, addressKey);
    }

    /** The List-Unsubscribe addresses the runs gave, lower-cased: where requests by mail arrive. */
    public Set<String> unsubscribeAddresses() {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT LOWER(unsubscribe_mail) FROM bulletin_run"
                + " WHERE unsubscribe_mail IS NOT NULL", String.class));
    }

    /** Runs that went through one of these relays since {@code since}, newest first. */
    public List<RunRecord> runsThrough(Collection<String> relays, Instant since) {
        if (relays.isEmpty()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>(relays);
        values.add(Timestamp.from(since));
        return jdbc.query("SELECT " + Runs.RUN_COLUMNS + " FROM bulletin_run WHERE relay IN ("
                + String.join(", ", Collections.nCopies(relays.size(), "?")) + ") AND created_at >= ? ORDER BY created_at DESC",
                Runs::run, values.toArray());
    }

    /** A recipient of a run whose message's answer was lost, and since when. */
    public record InDoubt(int seq, String addressKey, int messageNo, Instant since) {
    }

    /** The run's in-doubt recipients whose message is known, in staging order. */
    public List<InDoubt> inDoubt(long runId) {
        return jdbc.query("SELECT seq, address_key, message_no, updated_at FROM bulletin_recipient WHERE run_id = ?"
                        + " AND status = 'IN_DOUBT' AND message_no IS NOT NULL ORDER BY seq",
                (rs, n) -> new InDoubt(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()), runId);
    }

    /** The relay says it received these in-doubt rows' message: SENT, each with the relay's words. */
    public int confirmSent(long runId, Map<Integer, String> wordsBySeq) {
        Timestamp now = Ledger.now();
        return sum(jdbc.batchUpdate("UPDATE bulletin_recipient SET status = 'SENT', relay_reply = ?, reason ="
                        + " 'in doubt (its answer was lost) until the relay confirmed it', updated_at = ?"
                        + " WHERE run_id = ? AND seq = ? AND status = 'IN_DOUBT'",
                wordsBySeq.entrySet().stream().map(row -> new Object[] {Ledger.truncate(row.getValue(), 2000), now, runId,
                        row.getKey()}).toList()));
    }

    /** The relay says it never received these in-doubt rows' message: PENDING again, to be sent by a restart. */
    public int neverReceived(long runId, Collection<Integer> seqs, String words) {
        Timestamp now = Ledger.now();
        return TransactionRanges.putBackToPending(jdbc, runId, seqs, () -> sum(jdbc.batchUpdate("UPDATE bulletin_recipient"
                        + " SET status = 'PENDING', reason = ?, message_no = NULL, message_id = NULL, part_no = NULL, updated_at = ?"
                        + " WHERE run_id = ? AND seq = ? AND status = 'IN_DOUBT'",
                seqs.stream().map(seq -> new Object[] {Ledger.truncate(words, 2000), now, runId, seq}).toList())));
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += Math.max(count, 0);
        }
        return total;
    }
}
