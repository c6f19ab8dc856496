package bulletin.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The recipient rows of the runs (table {@code bulletin_recipient}) and the SMTP transactions of
 * their messages ({@link WireTransactions}); the runs themselves are {@link Runs}'. What the
 * feedback loop asks of the rows is {@link LedgerFeedback}'s; forgetting the people in them,
 * {@link PersonalRows}'. A PENDING row that its transaction's answer speaks for is shown, counted
 * and changed as that answer by every method here ({@link TransactionRanges}).
 *
 * <p><b>Transactions.</b> Every method joins the caller's transaction, except five that commit on
 * their own — {@link #inOwnTransaction} (the send loop's round: the answers to the round before
 * and this round's messages as on the wire), {@link #revertToPending} and {@link #markInDoubtNow}
 * (what the relay said must stand whatever happens to the round), {@link #firstToRead} when it
 * settles a run's ranges (a thousand a commit: a million rows are not one transaction),
 * {@link #readFromStartNextAttempt} (called by the report, after its step's work) — and {@link #pending},
 * {@link #forEachRow}, {@link #forEachRowAbove} and {@link #tellRowsThrough}, which read committed rows
 * outside any. One JDBC API ({@link JdbcTemplate}) for the whole package.
 *
 * <p><b>Threads.</b> Those three read the next page of rows on a thread of their own while
 * their caller takes the current one; everything else runs on the caller's thread.
 */
@Repository
public class Ledger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate outside;
    private final WireTransactions transactions;

    Ledger(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.outside = new TransactionTemplate(transactionManager);
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.transactions = new WireTransactions(jdbc, ownTransaction);
    }

    /** The SMTP transactions of the messages on the wire: what a split message records as it goes. */
    public WireTransactions transactions() {
        return transactions;
    }

    // ---- staging ------------------------------------------------------------------------

    /**
     * Appends rows to the run's ledger in input order, numbered from {@code firstSeq}. The
     * caller counts rows and decides duplicates (see {@link #row}): asking the database for every
     * batch of rows would scan or seek across the whole run.
     */
    public void stage(long runId, int firstSeq, List<StagedRow> rows) {
        Timestamp now = now();
        List<Object[]> batch = new ArrayList<>(rows.size());
        int seq = firstSeq;
        for (StagedRow row : rows) {
            batch.add(new Object[] {runId, seq++, truncate(row.address(), 1000), row.key(), truncate(row.displayName(), 1000),
                    row.sourceFile(), row.sourceLine(), row.status().name(), truncate(row.reason(), 2000), now,
                    truncate(row.fields(), 32000)});
        }
        jdbc.batchUpdate("INSERT INTO bulletin_recipient (run_id, seq, address, address_key, display_name,"
                + " source_file, source_line, status, reason, updated_at, fields) VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch);
    }

    /**
     * The addresses (by key) that other runs of the campaign and period sent to or may have
     * ({@link DeliveryStatus#MAY_HAVE_REACHED}), with the run: what a new run after an abandoned one must not mail again.
     */
    public Map<String, Long> reachedByOtherRuns(String campaign, String period, long runId) {
        Map<String, Long> reached = new HashMap<>();
        jdbc.query("SELECT l.address_key, l.run_id FROM bulletin_recipient l JOIN bulletin_run r ON r.run_id = l.run_id"
                        + " WHERE r.campaign = ? AND r.period = ? AND r.run_id <> ? AND "
                        + DeliveryStatus.sqlIn("l.status", DeliveryStatus.MAY_HAVE_REACHED),
                (RowCallbackHandler) rs -> reached.putIfAbsent(rs.getString(1), rs.getLong(2)), campaign, period, runId);
        // PENDING rows a transaction speaks for: on the wire when their run was left, or sent (see TransactionRanges).
        for (Long other : jdbc.queryForList("SELECT DISTINCT t.run_id FROM bulletin_transaction t JOIN bulletin_run r"
                + " ON r.run_id = t.run_id WHERE r.campaign = ? AND r.period = ? AND r.run_id <> ? AND "
                + TransactionRanges.ranged("t."), Long.class, campaign, period, runId)) {
            TransactionRanges ranges = TransactionRanges.of(jdbc, other);
            jdbc.query("SELECT address_key, seq FROM bulletin_recipient WHERE run_id = ? AND status = 'PENDING'",
                    (RowCallbackHandler) rs -> {
                        String key = rs.getString(1);
                        ranges.holding(rs.getInt(2)).filter(range -> DeliveryStatus.MAY_HAVE_REACHED.contains(range.shown()))
                                .ifPresent(range -> reached.putIfAbsent(key, other));
                    }, other);
        }
        return reached;
    }

    /**
     * Writes HSQLDB's log into its data files now (CHECKPOINT; nothing on PostgreSQL), outside any
     * transaction: called once a run is staged, so that a send killed later replays only what it
     * wrote itself, not the staging of the whole audience (a send writes little: its log alone no
     * longer reaches the size that checkpoints on its own, and a killed million-recipient run's
     * restart spent seconds replaying its staging).
     */
    public void checkpoint() {
        outside.executeWithoutResult(status -> onHsqldb(jdbc, "CHECKPOINT"));
    }

    /** Runs an HSQLDB-only statement (a checkpoint); nothing on another database. */
    static void onHsqldb(JdbcTemplate jdbc, String statement) {
        String product = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        if (product != null && product.toLowerCase(Locale.ROOT).contains("hsql")) {
            jdbc.update(statement);
        }
    }

    /** Where a staged row came from, its deduplication key and its address as written. */
    public record RowOrigin(String key, String address, String sourceFile, long sourceLine) {
        public String location() {
            return sourceFile + ":" + sourceLine;
        }
    }

    public Optional<RowOrigin> row(long runId, int seq) {
        return jdbc.query("SELECT address_key, address, source_file, source_line FROM bulletin_recipient"
                        + " WHERE run_id = ? AND seq = ?",
                (rs, n) -> new RowOrigin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), runId, seq)
                .stream().findFirst();
    }

    // ---- sending ------------------------------------------------------------------------

    private static final String ENTRY_COLUMNS = "seq, address, display_name, fields, source_file, source_line";

    /** The one mapper of a recipient to send ({@link #ENTRY_COLUMNS}). */
    private static RowMapper<LedgerEntry> entries(long runId) {
        return (rs, n) -> new LedgerEntry(runId, rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5) + ":" + rs.getLong(6));
    }

    /** Up to {@code limit} recipients still to send, after {@code afterSeq}, in staging order. */
    public List<LedgerEntry> pending(long runId, int afterSeq, int limit) {
        // Read outside the round's transaction: that transaction must not have begun in HSQLDB
        // when markSending commits on its own, or an automatic CHECKPOINT (which waits for every
        // open transaction) deadlocks the two.
        return outside.execute(status ->
                // ORDER BY names the whole index (run_id, status, seq): with ORDER BY seq alone HSQLDB
                // sorts every pending row of the run before applying the LIMIT (seconds per round at 1M).
                jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM bulletin_recipient WHERE run_id = ? AND status = 'PENDING'"
                        + " AND seq > ? ORDER BY run_id, status, seq LIMIT ?", entries(runId), runId, afterSeq, limit));
    }

    /** The first recipient of the run in this state as it stands (see {@link TransactionRanges}), in staging order. */
    public Optional<LedgerEntry> firstIn(long runId, DeliveryStatus state) {
        TransactionRanges ranges = TransactionRanges.of(jdbc, runId);
        Optional<LedgerEntry> stored = firstStored(runId, state, -1);
        if (state == DeliveryStatus.PENDING) {
            Optional<TransactionRanges.Range> spoken;
            while (stored.isPresent() && (spoken = ranges.holding(stored.get().seq())).isPresent()) {
                stored = firstStored(runId, state, spoken.get().lastSeq());
            }
            return stored;
        }
        Optional<LedgerEntry> shown = ranges.all().stream().filter(range -> range.shown() == state).findFirst()
                .flatMap(range -> firstStored(runId, DeliveryStatus.PENDING, range.firstSeq() - 1));
        if (shown.isEmpty() || stored.isPresent() && stored.get().seq() < shown.get().seq()) {
            return stored;
        }
        return shown;
    }

    private Optional<LedgerEntry> firstStored(long runId, DeliveryStatus state, int afterSeq) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM bulletin_recipient WHERE run_id = ? AND status = ? AND seq > ?"
                + " ORDER BY run_id, status, seq LIMIT 1", entries(runId), runId, state.name(), afterSeq).stream().findFirst();
    }

    /**
     * The number the run's next message takes: above every message of its transactions, and above
     * what the run kept before V20 (V7, V9); read on the transactions' key, not a scan of its ledger.
     */
    public int nextMessageNumber(long runId) {
        int kept = jdbc.queryForObject("SELECT COALESCE(last_message_no, 0) FROM bulletin_run WHERE run_id = ?",
                Integer.class, runId);
        int recorded = jdbc.queryForObject("SELECT COALESCE(MAX(message_no), 0) FROM bulletin_transaction WHERE run_id = ?",
                Integer.class, runId);
        return Math.max(kept, recorded) + 1;
    }

    /**
     * How many of the run's recipients an attempt has to send: its PENDING rows, counted on the
     * state index above the run's answered ranges, less those on the wire. Below those ranges every
     * PENDING row is one they speak for, as the attempt's reader made sure when it opened
     * ({@link #firstToRead}): counting them (900,000 at a restart of a million-recipient run) took
     * seconds and changed nothing.
     */
    public long countPending(long runId) {
        int above = TransactionRanges.lastAnsweredSeq(jdbc, runId);
        return jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_recipient WHERE run_id = ? AND status = 'PENDING'"
                + " AND seq > ?", Long.class, runId, above) - TransactionRanges.onTheWireAbove(jdbc, runId, above);
    }

    /** Answered ranges settled in one commit when an attempt must read its run from the start: 50,000 rows at most. */
    private static final int SETTLED_PER_COMMIT = 1000;

    /**
     * Where an attempt starts reading its run's PENDING rows ({@link #pending}'s {@code afterSeq}):
     * above the run's answered ranges, where every PENDING row is one they speak for — so a
     * restart after a kill never reads the rows its killed attempt sent (see
     * {@link TransactionRanges}) — unless rows were put back to PENDING since the last attempt that
     * read the run from its start (a message that did not leave, a message the relay stopped part
     * way, the operator's re-opening, Mailjet's "never received", a crash's held rows: each counts
     * it, {@link TransactionRanges#putBackToPending}). Then those ranges are settled first, a thousand a
     * commit, and the run is read from its start; the count it saw is recorded with the last
     * commit, so that a kill while settling settles again. Known from the run's row, not by
     * counting its PENDING rows (seconds at a restart of a million-recipient run). Called as an
     * attempt opens, under the run's lock, after {@link #markInDoubt}: no range is on the wire.
     */
    public int firstToRead(long runId) {
        int[] again = jdbc.queryForObject("SELECT pending_again, pending_again_read FROM bulletin_run WHERE run_id = ?",
                (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}, runId);
        if (again[0] == again[1]) {
            return TransactionRanges.lastAnsweredSeq(jdbc, runId);
        }
        List<TransactionRanges.Range> answered = TransactionRanges.of(jdbc, runId).answered();
        for (int from = 0; from < answered.size(); from += SETTLED_PER_COMMIT) {
            List<TransactionRanges.Range> some = answered.subList(from, Math.min(answered.size(), from + SETTLED_PER_COMMIT));
            ownTransaction.executeWithoutResult(status -> TransactionRanges.settle(jdbc, runId, some));
        }
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE bulletin_run SET pending_again_read = ? WHERE run_id = ?", again[0], runId));
        return 0;
    }

    /**
     * The audit of an attempt met a row shown PENDING below a row a message carried, which the
     * writer that put it back did not count ({@link TransactionRanges#putBackToPending}; never
     * expected): the next attempt reads the run from its start, so that the row costs one more
     * attempt, never a recipient. Committed at once.
     */
    public void readFromStartNextAttempt(long runId) {
        ownTransaction.executeWithoutResult(status -> TransactionRanges.pendingAgain(jdbc, runId));
    }

    /** The rows of one message about to leave: consecutive PENDING rows of the run, in staging order. */
    public record Sending(List<Integer> seqs, int messageNo, String messageId) {
        public Sending {
            seqs = List.copyOf(seqs);
        }

        int firstSeq() {
            return Collections.min(seqs);
        }

        int lastSeq() {
            return Collections.max(seqs);
        }
    }

    /**
     * Records that these messages are about to leave, in the caller's transaction, which must
     * commit before they leave: a crash after it finds them on the wire (in doubt), not PENDING.
     * One row per message, not one write per recipient: its recipient rows stay PENDING, and its
     * first transaction's row holds the range of seqs they fill and its Message-ID. A recipient
     * row is written at most once: when its answer is not the message's usual one
     * ({@link #recordAnswers}; the usual one stays on the transaction's row, see
     * {@link TransactionRanges}), or when the answer is lost or the run died ({@link #markInDoubt}).
     *
     * <p>The range holds no other PENDING row than the message's own: the round reader hands out
     * consecutive PENDING rows in staging order, and what puts a row back to PENDING while the
     * run's lock is held (a message that certainly did not leave) only touches rows handed out
     * before, of lower seqs. {@link #recordAnswers} checks it all the same.
     */
    public void markSending(long runId, long executionId, List<Sending> messages) {
        WireTransactions.firstOf(jdbc, runId, executionId, messages, now());
    }

    /** Runs {@code work} in a transaction of its own, committed when it returns. */
    public void inOwnTransaction(Runnable work) {
        ownTransaction.executeWithoutResult(status -> work.run());
    }

    /** Committed at once: the relay said for sure that these rows of message {@code messageNo} did not leave. */
    public void revertToPending(long runId, int messageNo, Collection<Integer> seqs, String why) {
        Timestamp now = now();
        ownTransaction.executeWithoutResult(status -> {
            // Marked SENDING (a split message) or left PENDING in its range: plain PENDING either way.
            TransactionRanges.putBackToPending(jdbc, runId, seqs, () -> jdbc.batchUpdate("UPDATE bulletin_recipient"
                            + " SET status = 'PENDING', message_no = NULL, message_id = NULL, part_no = NULL, updated_at = ?"
                            + " WHERE run_id = ? AND seq = ? AND status = 'SENDING'",
                    seqs.stream().map(seq -> new Object[] {now, runId, seq}).toList()).length);
            WireTransactions.unsent(jdbc, runId, messageNo, why, now);
        });
    }

    /**
     * Committed at once: the connection broke after the whole message was sent, so the relay may
     * have taken it. Those recipients are in doubt from this moment, whatever happens to the run.
     */
    public void markInDoubtNow(long runId, int messageNo, Collection<Integer> seqs, String what) {
        transactions.lost(runId, messageNo, 1, seqs, what);
    }

    /**
     * The relay's answers to messages, in the caller's transaction; each recipient gets its state,
     * the relay's reply and its message. For a message answered whole in one transaction whose
     * rows were never marked (the usual one), the answer its recipients share (accepted, with the
     * reply to the end of data) is written on that transaction's row, which keeps its range
     * ({@link TransactionRanges}; the range's PENDING rows are checked against their number), and
     * one statement per address writes the others (refused, deferred); without a recorded end, one
     * range statement writes the usual answer into the PENDING rows of its range. A message whose rows its
     * journal marked SENDING (split, see {@link WireTransactions}) is bounded by its own number;
     * one the relay stopped part way, whose rows were never marked, is written row by row.
     *
     * @throws IllegalStateException if a message's range held another PENDING row than its own
     *                               (never expected): the caller's transaction must roll back
     */
    public void recordAnswers(long runId, long executionId, List<Answered> messages) {
        Timestamp now = now();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> pendingRanges = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<Object[]> markedRanges = new ArrayList<>();
        Map<Integer, Kept> kept = new HashMap<>();
        for (Answered message : messages) {
            Outcome usual = message.rows() == Rows.PARTLY_ANSWERED ? null : message.usual();
            int usualCount = 0;
            for (Outcome outcome : message.outcomes()) {
                if (usual == null || outcome.status() != usual.status() || !Objects.equals(outcome.reply(), usual.reply())) {
                    rows.add(new Object[] {outcome.status().name(), truncate(outcome.reply(), 2000), now, executionId,
                            message.messageNo(), message.messageId(), runId, outcome.seq()});
                } else {
                    usualCount++;
                }
            }
            if (usual == null) {
                continue;
            }
            if (message.keepsItsRange()) {
                kept.put(message.messageNo(), new Kept(message.messageNo(), usual.status(), truncate(usual.reply(), 2000),
                        usualCount, message.firstSeq(), message.lastSeq()));
                continue;
            }
            Object[] range = {usual.status().name(), truncate(usual.reply(), 2000), now, executionId, message.messageNo(),
                    message.messageId(), runId, message.firstSeq(), message.lastSeq()};
            if (message.rows() == Rows.MARKED) {
                markedRanges.add(append(range, message.messageNo()));
            } else {
                pendingRanges.add(range);
                expected.add(usualCount);
            }
        }
        String set = "UPDATE bulletin_recipient SET status = ?, relay_reply = ?, updated_at = ?, execution_id = ?,"
                + " message_no = ?, message_id = ?, part_no = COALESCE(part_no, 1)";
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(set + " WHERE run_id = ? AND seq = ?", rows);
        }
        if (!pendingRanges.isEmpty()) {
            int[] counts = jdbc.batchUpdate(set + " WHERE run_id = ? AND seq BETWEEN ? AND ? AND status = 'PENDING'",
                    pendingRanges);
            for (int i = 0; i < counts.length; i++) {
                checkRange(runId, (Integer) pendingRanges.get(i)[4], counts[i], expected.get(i));
            }
        }
        checkKept(runId, kept.values());
        if (!markedRanges.isEmpty()) {
            jdbc.batchUpdate(set + " WHERE run_id = ? AND seq BETWEEN ? AND ? AND message_no = ? AND status = 'SENDING'",
                    markedRanges);
        }
        WireTransactions.lastOf(jdbc, runId, messages, kept, now);
    }

    /**
     * The PENDING rows of each kept range must be exactly its usual recipients, since the range
     * speaks for them all from now on (see {@link TransactionRanges}): read in one query over the
     * round's messages, not one a message (a fifth of the four-connection send step, measured).
     */
    private void checkKept(long runId, Collection<Kept> kept) {
        if (kept.isEmpty()) {
            return;
        }
        int first = kept.stream().mapToInt(Kept::firstSeq).min().orElseThrow();
        int last = kept.stream().mapToInt(Kept::lastSeq).max().orElseThrow();
        List<Integer> pending = jdbc.queryForList("SELECT seq FROM bulletin_recipient WHERE run_id = ? AND status = 'PENDING'"
                + " AND seq BETWEEN ? AND ? ORDER BY run_id, status, seq", Integer.class, runId, first, last);
        for (Kept range : kept) {
            int from = Collections.binarySearch(pending, range.firstSeq());
            int to = Collections.binarySearch(pending, range.lastSeq());
            int found = (to < 0 ? -to - 1 : to + 1) - (from < 0 ? -from - 1 : from);
            checkRange(runId, range.messageNo(), found, range.count());
        }
    }

    private static void checkRange(long runId, Object messageNo, int found, int expected) {
        if (found != expected) {
            throw new IllegalStateException("run " + runId + ": the range of message " + messageNo + " held " + found
                    + " PENDING rows, not " + expected + "; its answers are not recorded and the next attempt finds its"
                    + " recipients IN_DOUBT");
        }
    }

    /** A message answered whole whose usual answer is kept on its transaction's row (see {@link TransactionRanges}). */
    record Kept(int messageNo, DeliveryStatus status, String reply, int count, int firstSeq, int lastSeq) {
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] longer = Arrays.copyOf(values, values.length + 1);
        longer[values.length] = last;
        return longer;
    }

    /** Where an answered message's recipient rows stand when its answer is recorded. */
    public enum Rows {
        /** Still PENDING, and the relay answered for each of them: one range statement. */
        PENDING,
        /** Still PENDING, and the relay stopped before some of them (they stay PENDING): row by row. */
        PARTLY_ANSWERED,
        /** Marked SENDING with the message's number by its journal (a split message). */
        MARKED
    }

    /**
     * The answer to one message: each of its recipients' outcome, how its last SMTP transaction
     * ended (null: it is recorded elsewhere), and where its rows stand.
     */
    public record Answered(int messageNo, String messageId, List<Outcome> outcomes, WireTransactions.End last, Rows rows) {

        public Answered {
            outcomes = List.copyOf(outcomes);
        }

        int firstSeq() {
            return outcomes.stream().mapToInt(Outcome::seq).min().orElseThrow();
        }

        int lastSeq() {
            return outcomes.stream().mapToInt(Outcome::seq).max().orElseThrow();
        }

        /**
         * Answered whole in one transaction, which the relay answered: its usual answer is kept on
         * that transaction's row and its range, not written into each of its rows.
         */
        boolean keepsItsRange() {
            return rows == Rows.PENDING && last != null && last.state() == WireTransactions.State.ANSWERED && last.part() == 1;
        }

        /** The outcome most of its recipients share (usually: SENT with the reply to the end of data), or null. */
        Outcome usual() {
            Map<List<Object>, Long> shared = outcomes.stream().collect(Collectors.groupingBy(
                    outcome -> Arrays.asList(outcome.status(), outcome.reply()), Collectors.counting()));
            return shared.entrySet().stream().filter(entry -> entry.getValue() > 1)
                    .max(Map.Entry.comparingByValue())
                    .map(entry -> new Outcome(0, (DeliveryStatus) entry.getKey().get(0), (String) entry.getKey().get(1)))
                    .orElse(null);
        }
    }

    /** Puts FAILED and/or IN_DOUBT recipients back to PENDING, as the operator asked; returns how many. */
    public int reopen(long runId, boolean failed, boolean inDoubt) {
        return (failed ? reopen(runId, DeliveryStatus.FAILED) : 0) + (inDoubt ? reopen(runId, DeliveryStatus.IN_DOUBT) : 0);
    }

    private int reopen(long runId, DeliveryStatus state) {
        String condition = "status = '" + state.name() + "'";
        return TransactionRanges.putBackToPending(jdbc, runId, TransactionRanges.seqsWhere(jdbc, runId, condition),
                () -> jdbc.update("UPDATE bulletin_recipient SET status = 'PENDING', reason = ?, updated_at = ? WHERE run_id = ?"
                        + " AND " + condition, state.name() + " before, re-opened by the operator", now(), runId));
    }

    /**
     * After a crash: rows on the wire in a transaction with no answer recorded are in doubt — the
     * PENDING rows of a message recorded by its range ({@link #markSending}), and the SENDING rows
     * of one its journal marked; rows a split message held for a later transaction (no
     * {@code part_no}) were never handed over and go back to PENDING. Returns how many are in doubt.
     */
    public int markInDoubt(long runId) {
        Timestamp now = now();
        String why = "the run stopped after handing this message to the relay and before its answer was recorded";
        List<Object[]> ranges = TransactionRanges.of(jdbc, runId).all().stream().filter(TransactionRanges.Range::onTheWire)
                .map(message -> new Object[] {why, now, message.executionId(), message.messageNo(), message.messageId(), runId,
                        message.firstSeq(), message.lastSeq()}).toList();
        int inDoubt = 0;
        if (!ranges.isEmpty()) {
            inDoubt += Arrays.stream(jdbc.batchUpdate("UPDATE bulletin_recipient SET status = 'IN_DOUBT', reason = ?,"
                    + " updated_at = ?, execution_id = ?, message_no = ?, message_id = ?, part_no = 1 WHERE run_id = ?"
                    + " AND seq BETWEEN ? AND ? AND status = 'PENDING'", ranges)).sum();
        }
        // COALESCE, not "part_no IS NULL": with IS NULL, HSQLDB walks the run's rows by key instead of the state
        // index (4.7 s at a restart of a million-recipient run, measured; a part is numbered from 1).
        String held = "status = 'SENDING' AND COALESCE(part_no, 0) = 0";
        TransactionRanges.putBackToPending(jdbc, runId, TransactionRanges.seqsWhere(jdbc, runId, held), () -> jdbc.update(
                "UPDATE bulletin_recipient SET status = 'PENDING', message_no = NULL, message_id = NULL, updated_at = ?"
                        + " WHERE run_id = ? AND " + held, now, runId));
        WireTransactions.lostInCrash(jdbc, runId, now);
        return inDoubt + jdbc.update("UPDATE bulletin_recipient SET status = 'IN_DOUBT', updated_at = ?, reason = ?"
                        + " WHERE run_id = ? AND status = 'SENDING'", now, why, runId);
    }

    /** One recipient's new state and the relay's reply. */
    public record Outcome(int seq, DeliveryStatus status, String reply) {
    }

    /**
     * Recipients a relay took per minute since {@code since}, over every run: what its budget has
     * already spent ({@link DeliveryStatus#COUNTS_AGAINST_BUDGET}): rows in SENDING and IN_DOUBT count, since they
     * may have left; BOUNCED ones did leave.
     */
    public Map<Long, Integer> takenPerMinute(String relay, Instant since) {
        Map<Long, Integer> minutes = new HashMap<>();
        jdbc.query("SELECT l.updated_at FROM bulletin_recipient l JOIN bulletin_run r ON r.run_id = l.run_id"
                        + " WHERE r.relay = ? AND " + DeliveryStatus.sqlIn("l.status", DeliveryStatus.COUNTS_AGAINST_BUDGET)
                        + " AND l.updated_at >= ?",
                (RowCallbackHandler) rs -> minutes.merge(rs.getTimestamp(1).toInstant().getEpochSecond() / 60, 1, Integer::sum),
                relay, Timestamp.from(since));
        // The PENDING rows a transaction speaks for: on the wire in it, or with its usual answer (see TransactionRanges).
        jdbc.query("SELECT t.updated_at, CASE WHEN t.state = 'SENDING' THEN t.recipients ELSE t.usual_count END"
                        + " FROM bulletin_transaction t JOIN bulletin_run r ON r.run_id = t.run_id WHERE r.relay = ? AND"
                        + " " + TransactionRanges.ranged("t.") + " AND (t.state = 'SENDING' OR "
                        + DeliveryStatus.sqlIn("t.usual_status", DeliveryStatus.COUNTS_AGAINST_BUDGET) + ") AND t.updated_at >= ?",
                (RowCallbackHandler) rs -> minutes.merge(rs.getTimestamp(1).toInstant().getEpochSecond() / 60, rs.getInt(2),
                        Integer::sum), relay, Timestamp.from(since));
        return minutes;
    }

    // ---- reading ------------------------------------------------------------------------

    public StatusCounts counts(long runId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        jdbc.query("SELECT status, COUNT(*) FROM bulletin_recipient WHERE run_id = ? GROUP BY status",
                (RowCallbackHandler) rs -> counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2)), runId);
        // PENDING rows a transaction speaks for: on the wire in it, or with its usual answer (see TransactionRanges).
        jdbc.query("SELECT CASE WHEN state = 'SENDING' THEN 'SENDING' ELSE usual_status END,"
                        + " SUM(CASE WHEN state = 'SENDING' THEN recipients ELSE usual_count END) FROM bulletin_transaction"
                        + " WHERE run_id = ? AND " + TransactionRanges.ranged("")
                        + " GROUP BY CASE WHEN state = 'SENDING' THEN 'SENDING' ELSE usual_status END",
                (RowCallbackHandler) rs -> {
                    counts.merge(DeliveryStatus.PENDING, -rs.getLong(2), Long::sum);
                    counts.merge(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2), Long::sum);
                }, runId);
        return new StatusCounts(counts);
    }

    /** Streams the run's ledger in staging order; the consumer sees one row at a time. */
    public void forEachRow(long runId, Consumer<AuditRow> consumer) {
        forEachRow(runId, null, consumer);
    }

    /**
     * The same, only the rows in {@code state} (all when null). Read in pages by key (seq), not
     * through one cursor: a network client of HSQLDB fetching a million-row result block by block
     * made the server walk the result again for every block (minutes at 1,000,000 rows). The next
     * page is read while the consumer takes this one, on a connection of its own: the database
     * server and this process no longer wait for each other in turn (a million-row audit, 17 s →
     * 12 s). The PENDING rows a transaction speaks for are shown as they stand: SENDING in a
     * message on the wire, with its usual answer in one answered whole (see {@link TransactionRanges}).
     */
    public void forEachRow(long runId, DeliveryStatus state, Consumer<AuditRow> consumer) {
        forEachRow(runId, state, -1, consumer);
    }

    /** The rows above {@code afterSeq}, as {@link #forEachRow(long, DeliveryStatus, Consumer)} shows them. */
    public void forEachRowAbove(long runId, int afterSeq, Consumer<AuditRow> consumer) {
        forEachRow(runId, null, afterSeq, consumer);
    }

    private void forEachRow(long runId, DeliveryStatus state, int afterSeq, Consumer<AuditRow> consumer) {
        TransactionRanges ranges = TransactionRanges.of(jdbc, runId);
        if (ranges.isEmpty()) {
            forEachStoredRow(runId, state, afterSeq, Integer.MAX_VALUE, consumer);
            return;
        }
        // A row shown PENDING is stored so, and a state no range shows is only stored; otherwise every row is read.
        boolean asStored = state == DeliveryStatus.PENDING || state != null
                && ranges.all().stream().noneMatch(range -> range.shown() == state);
        forEachStoredRow(runId, asStored ? state : null, afterSeq, Integer.MAX_VALUE, row -> {
            AuditRow shown = ranges.shown(row);
            if (state == null || shown.status() == state) {
                consumer.accept(shown);
            }
        });
    }

    /** Told the rows an answered range speaks for, all at once: its state as shown, how many, and when they got it. */
    @FunctionalInterface
    public interface CoveredRows {
        void accept(DeliveryStatus shown, long rows, Instant at);
    }

    /**
     * The run's rows up to {@code throughSeq}, without reading those its answered ranges speak
     * for: what the report of an attempt that read the run from above them needs of them (a
     * restart of a million-recipient run killed at 90 % would otherwise read 900,000 rows, as long
     * as the rest of that restart). Each stored row that is not PENDING goes to {@code rows}, read
     * on the state index; each range, to {@code covered} — or, when its state is one of
     * {@code readStates} (rows a report lists by name), its rows one by one to {@code rows}.
     * Returns how many of the rows up to {@code throughSeq} are PENDING with no range speaking for
     * them (the stager numbers rows 1, 2, 3… without a gap): rows that an attempt reading from above
     * them would never send.
     */
    public long tellRowsThrough(long runId, int throughSeq, Set<DeliveryStatus> readStates, Consumer<AuditRow> rows,
                                CoveredRows covered) {
        if (throughSeq <= 0) {
            return 0; // an attempt that read the run from its start: nothing below
        }
        long[] told = {0};
        for (DeliveryStatus state : DeliveryStatus.values()) {
            if (state != DeliveryStatus.PENDING) {
                forEachStoredRow(runId, state, -1, throughSeq, row -> {
                    told[0]++;
                    rows.accept(row);
                });
            }
        }
        for (TransactionRanges.Range range : TransactionRanges.of(jdbc, runId).all()) {
            if (range.firstSeq() > throughSeq) {
                continue;
            }
            if (range.lastSeq() <= throughSeq && !readStates.contains(range.shown())) {
                told[0] += range.rows();
                covered.accept(range.shown(), range.rows(), range.at().toInstant());
            } else {
                forEachStoredRow(runId, DeliveryStatus.PENDING, range.firstSeq() - 1, Math.min(range.lastSeq(), throughSeq), row -> {
                    told[0]++;
                    rows.accept(range.shown(row));
                });
            }
        }
        return throughSeq - told[0];
    }

    /** The run's rows stored in {@code state} (any when null) with a seq above {@code afterSeq}, up to {@code throughSeq}. */
    private void forEachStoredRow(long runId, DeliveryStatus state, int afterSeq, int throughSeq, Consumer<AuditRow> consumer) {
        // The run's campaign and period once, not joined into each of a million rows.
        var run = jdbc.query("SELECT campaign, period FROM bulletin_run WHERE run_id = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, runId).stream().findFirst();
        if (run.isEmpty()) {
            return;
        }
        String campaign = run.get()[0];
        String period = run.get()[1];
        String select = "SELECT " + AuditRow.columns("") + " FROM bulletin_recipient";
        String page = state == null
                ? select + " WHERE run_id = ? AND seq > ? AND seq <= ? ORDER BY run_id, seq LIMIT " + PAGE
                : select + " WHERE run_id = ? AND status = ? AND seq > ? AND seq <= ? ORDER BY run_id, status, seq LIMIT " + PAGE;
        RowMapper<AuditRow> mapper = (rs, n) -> AuditRow.read(rs, campaign, period);
        ExecutorService ahead = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, PAGE_READER);
            thread.setDaemon(true); // a consumer that fails stops the reading: nothing to wait for at exit
            return thread;
        });
        try {
            Future<List<AuditRow>> next = ahead.submit(() -> page(page, mapper, runId, state, afterSeq, throughSeq));
            while (true) {
                List<AuditRow> rows = next.get();
                boolean last = rows.size() < PAGE;
                if (!last) {
                    int after = rows.get(rows.size() - 1).seq();
                    next = ahead.submit(() -> page(page, mapper, runId, state, after, throughSeq));
                }
                rows.forEach(consumer);
                if (last) {
                    return;
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the ledger", e);
        } finally {
            ahead.shutdownNow();
        }
    }

    private List<AuditRow> page(String page, RowMapper<AuditRow> mapper, long runId, DeliveryStatus state, int after,
                                int through) {
        return state == null ? jdbc.query(page, mapper, runId, after, through)
                : jdbc.query(page, mapper, runId, state.name(), after, through);
    }

    /**
     * Every row about one address, in every run, oldest run first, with the columns of its input
     * row: what {@code audit --address} shows a person who asks what is kept about them. Matched on the staged key and on the
     * address as written (rejected rows have no key). Reads the whole ledger: a rare question.
     */
    public void forEachRowOfAddress(String address, Consumer<PersonRow> consumer) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        record Found(long runId, PersonRow row) {
        }
        List<Found> found = jdbc.query("SELECT l.run_id, r.campaign, r.period, " + AuditRow.columns("l.") + ", l.fields"
                        + " FROM bulletin_recipient l JOIN bulletin_run r ON r.run_id = l.run_id"
                        + " WHERE l.address_key = ? OR LOWER(l.address) = ? ORDER BY l.run_id, l.seq",
                (rs, n) -> new Found(rs.getLong("run_id"), new PersonRow(AuditRow.read(rs, rs.getString("campaign"),
                        rs.getString("period")), Fields.decode(rs.getString("fields")))), lower, lower);
        // A few rows: each run's ranges read once, for the rows a transaction speaks for (see TransactionRanges).
        Map<Long, TransactionRanges> ranges = new HashMap<>();
        for (Found one : found) {
            AuditRow row = one.row().row();
            AuditRow shown = row.status() != DeliveryStatus.PENDING ? row
                    : ranges.computeIfAbsent(one.runId(), run -> TransactionRanges.of(jdbc, run)).shown(row);
            consumer.accept(shown == row ? one.row() : new PersonRow(shown, one.row().fields()));
        }
    }

    /** Under hsqldb.result_max_memory_rows (10,000), so that a page stays in the server's memory. */
    private static final int PAGE = 5000;
    /** The thread that reads {@link #forEachRow}'s next page. */
    static final String PAGE_READER = "bulletin-ledger-pages";

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
