package bulletin.ledger;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run's recipient rows that its transactions' rows speak for: rows left PENDING in the range of
 * seqs ({@code first_seq}, {@code last_seq}) of their message's first transaction. While the
 * message is on the wire (SENDING) they are on the wire in it ({@link Ledger#markSending}); once it
 * is answered whole, those of its recipients that got its usual answer (accepted, with the reply
 * to the end of data) have that answer: it is written once, on the transaction's row
 * ({@code usual_status}, {@code usual_reply}, {@code usual_count}), not on each of theirs
 * ({@link Ledger#recordAnswers}). Such a row is <b>covered</b>.
 *
 * <p>Every reader of the ledger shows a covered row as its transaction says, and counts it so;
 * every writer that changes a covered row, or puts a row of a covered range back to PENDING, first
 * <b>settles</b> the range ({@link #settleHolding}): the usual answer written into its rows and the
 * range cleared, so that the range never holds a PENDING row it does not speak for.
 */
final class TransactionRanges {

    /** A transaction row whose range speaks for the PENDING rows in it; each column after {@code alias} ("t." or ""). */
    static String ranged(String alias) {
        return alias + "first_seq IS NOT NULL AND (" + alias + "state = 'SENDING' OR " + alias + "state = 'ANSWERED' AND "
                + alias + "usual_status IS NOT NULL)";
    }

    /** One message's range and what its PENDING rows are: on the wire, or the usual answer. */
    record Range(Long executionId, int messageNo, String messageId, int firstSeq, int lastSeq, DeliveryStatus shown,
                 String reply, int rows, Timestamp at) {

        boolean onTheWire() {
            return shown == DeliveryStatus.SENDING;
        }

        /** The row as it stands: on the wire in this message, or with its usual answer. */
        AuditRow shown(AuditRow row) {
            return onTheWire()
                    ? new AuditRow(row.campaign(), row.period(), executionId, row.seq(), row.address(), row.displayName(),
                            DeliveryStatus.SENDING, row.reason(), messageNo, messageId, row.relayReply(), row.sourceFile(),
                            row.sourceLine(), row.updatedAt())
                    : new AuditRow(row.campaign(), row.period(), executionId, row.seq(), row.address(), row.displayName(),
                            shown, row.reason(), messageNo, messageId, reply, row.sourceFile(), row.sourceLine(),
                            at.toInstant());
        }
    }

    private final NavigableMap<Integer, Range> byFirstSeq;

    private TransactionRanges(NavigableMap<Integer, Range> byFirstSeq) {
        this.byFirstSeq = byFirstSeq;
    }

    /** Ranges read in one query: under hsqldb.result_max_memory_rows (10,000), so that a page stays in memory. */
    private static final int PAGE = 5000;

    /**
     * The run's ranges, on the wire and answered: read in pages by message number, since a
     * million-recipient run has 20,000 and HSQLDB writes a larger result to disk first (a second
     * at a restart, measured).
     */
    static TransactionRanges of(JdbcTemplate jdbc, long runId) {
        NavigableMap<Integer, Range> ranges = new TreeMap<>();
        List<Range> page;
        int after = 0;
        do {
            page = jdbc.query("SELECT execution_id, message_no, message_id, first_seq, last_seq, state, usual_status, usual_reply,"
                            + " recipients, usual_count, updated_at FROM bulletin_transaction WHERE run_id = ? AND message_no > ?"
                            + " AND " + ranged("") + " ORDER BY run_id, message_no LIMIT " + PAGE,
                    (rs, n) -> {
                        boolean onTheWire = "SENDING".equals(rs.getString(6));
                        return new Range((Long) rs.getObject(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                                onTheWire ? DeliveryStatus.SENDING : DeliveryStatus.valueOf(rs.getString(7)), rs.getString(8),
                                onTheWire ? rs.getInt(9) : rs.getInt(10), rs.getTimestamp(11));
                    }, runId, after);
            page.forEach(range -> ranges.put(range.firstSeq(), range));
            after = page.isEmpty() ? after : page.get(page.size() - 1).messageNo();
        } while (page.size() == PAGE);
        return new TransactionRanges(ranges);
    }

    boolean isEmpty() {
        return byFirstSeq.isEmpty();
    }

    Collection<Range> all() {
        return byFirstSeq.values();
    }

    /** The range whose PENDING rows include this seq, if any (ranges never overlap). */
    Optional<Range> holding(int seq) {
        Map.Entry<Integer, Range> floor = byFirstSeq.floorEntry(seq);
        return floor != null && floor.getValue().lastSeq() >= seq ? Optional.of(floor.getValue()) : Optional.empty();
    }

    /** The row as it stands (unchanged unless a range speaks for it). */
    AuditRow shown(AuditRow row) {
        if (row.status() != DeliveryStatus.PENDING) {
            return row;
        }
        return holding(row.seq()).map(range -> range.shown(row)).orElse(row);
    }

    /** The last seq the run's answered ranges speak for (0: none), without reading them all. */
    static int lastAnsweredSeq(JdbcTemplate jdbc, long runId) {
        return jdbc.queryForObject("SELECT COALESCE(MAX(last_seq), 0) FROM bulletin_transaction WHERE run_id = ? AND state = 'ANSWERED'"
                + " AND " + ranged(""), Integer.class, runId);
    }

    /** How many recipients the run's messages on the wire hold above {@code seq}. */
    static long onTheWireAbove(JdbcTemplate jdbc, long runId, int seq) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(recipients), 0) FROM bulletin_transaction WHERE run_id = ? AND state = 'SENDING'"
                + " AND first_seq > ? AND " + ranged(""), Long.class, runId, seq);
    }

    /** The answered ranges, highest seq last. */
    List<Range> answered() {
        return byFirstSeq.values().stream().filter(range -> !range.onTheWire()).toList();
    }

    /**
     * Settles the answered ranges holding any of these seqs, in the caller's transaction: what
     * must run before a statement that changes those rows or puts one of them back to PENDING.
     */
    static void settleHolding(JdbcTemplate jdbc, long runId, Collection<Integer> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        TransactionRanges ranges = of(jdbc, runId);
        Map<Integer, Range> holding = new LinkedHashMap<>();
        for (int seq : seqs) {
            ranges.holding(seq).filter(range -> !range.onTheWire()).ifPresent(range -> holding.put(range.messageNo(), range));
        }
        settle(jdbc, runId, holding.values());
    }

    /** The seqs of the run's rows matching {@code condition} (SQL on {@code bulletin_recipient}, with its {@code arguments}). */
    static List<Integer> seqsWhere(JdbcTemplate jdbc, long runId, String condition, Object... arguments) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = runId;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return jdbc.queryForList("SELECT seq FROM bulletin_recipient WHERE run_id = ? AND " + condition, Integer.class, all);
    }

    /** Settles the answered ranges that hold a row of the run matching {@code condition} ({@link #seqsWhere}), in the caller's transaction. */
    static void settleWhere(JdbcTemplate jdbc, long runId, String condition, Object... arguments) {
        settleHolding(jdbc, runId, seqsWhere(jdbc, runId, condition, arguments));
    }

    /**
     * Puts these rows of the run back to PENDING, in the caller's transaction: the answered ranges
     * holding them settled first (a range must never speak for a row it did not answer), then
     * {@code write} (the caller's statement), then counted on the run's row, since they may lie below
     * the run's answered ranges, where an attempt does not read ({@link Ledger#firstToRead}): its next
     * attempt reads the run from its start. Every writer that puts rows back to PENDING goes through
     * here. Returns what {@code write} returns; nothing is done for no rows.
     */
    static int putBackToPending(JdbcTemplate jdbc, long runId, Collection<Integer> seqs, IntSupplier write) {
        if (seqs.isEmpty()) {
            return 0;
        }
        settleHolding(jdbc, runId, seqs);
        int written = write.getAsInt();
        pendingAgain(jdbc, runId);
        return written;
    }

    /**
     * The run's next attempt reads it from its start ({@link Ledger#firstToRead}). A count, not a
     * flag (V23), so that rows put back while an attempt settles the run are never lost.
     */
    static void pendingAgain(JdbcTemplate jdbc, long runId) {
        jdbc.update("UPDATE bulletin_run SET pending_again = pending_again + 1 WHERE run_id = ?", runId);
    }

    /**
     * Writes these answered ranges' usual answer into their PENDING rows and clears the ranges, in
     * the caller's transaction. A row keeps the time of its answer.
     */
    static void settle(JdbcTemplate jdbc, long runId, Collection<Range> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(ranges.size());
        List<Object[]> cleared = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            rows.add(new Object[] {range.shown().name(), range.reply(), range.at(), range.executionId(), range.messageNo(),
                    range.messageId(), runId, range.firstSeq(), range.lastSeq()});
            cleared.add(new Object[] {runId, range.messageNo()});
        }
        jdbc.batchUpdate("UPDATE bulletin_recipient SET status = ?, relay_reply = ?, updated_at = ?, execution_id = ?,"
                + " message_no = ?, message_id = ?, part_no = 1 WHERE run_id = ? AND seq BETWEEN ? AND ? AND status = 'PENDING'",
                rows);
        jdbc.batchUpdate("UPDATE bulletin_transaction SET first_seq = NULL, last_seq = NULL WHERE run_id = ?"
                + " AND message_no = ? AND part_no = 1 AND state = 'ANSWERED'", cleared);
    }
}
