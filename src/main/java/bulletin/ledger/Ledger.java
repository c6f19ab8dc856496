package bulletin.ledger;

import java.sql.ResultSet;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
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
 * {@link PersonalRows}'.
 *
 * <p><b>Transactions.</b> Every method joins the caller's transaction, except three that commit on
 * their own — {@link #inOwnTransaction} (the send loop's round: the answers to the round before
 * and this round's messages as on the wire), {@link #revertToPending} and {@link #markInDoubtNow}
 * (what the relay said must stand whatever happens to the round) — and {@link #pending} and
 * {@link #forEachRow}, which read committed rows outside any. One JDBC API ({@link JdbcTemplate})
 * for the whole package.
 *
 * <p><b>Threads.</b> {@link #forEachRow} reads the next page of rows on a thread of its own while
 * its caller takes the current one; everything else runs on the caller's thread.
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
                        + " WHERE r.campaign = ? AND r.period = ? AND r.run_id <> ? AND ("
                        + DeliveryStatus.sqlIn("l.status", DeliveryStatus.MAY_HAVE_REACHED)
                        // a message on the wire when its run was left (see markSending)
                        + " OR l.status = 'PENDING' AND EXISTS (SELECT 1 FROM bulletin_transaction t WHERE t.run_id = l.run_id"
                        + " AND t.state = 'SENDING' AND l.seq BETWEEN t.first_seq AND t.last_seq))",
                (RowCallbackHandler) rs -> reached.putIfAbsent(rs.getString(1), rs.getLong(2)), campaign, period, runId);
        return reached;
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

    /** The first recipient of the run in this state, in staging order. */
    public Optional<LedgerEntry> firstIn(long runId, DeliveryStatus state) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM bulletin_recipient WHERE run_id = ? AND status = ?"
                + " ORDER BY run_id, status, seq LIMIT 1", entries(runId), runId, state.name()).stream().findFirst();
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

    /** How many of the run's recipients wait to be sent; counted on the state index. */
    public long countPending(long runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_recipient WHERE run_id = ? AND status = 'PENDING'",
                Long.class, runId);
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
     * first transaction's row holds the range of seqs they fill and its Message-ID. Each recipient
     * row is written once, when the answer is recorded ({@link #recordAnswers}), or when the
     * answer is lost or the run died ({@link #markInDoubt}).
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
            jdbc.batchUpdate("UPDATE bulletin_recipient SET status = 'PENDING', message_no = NULL, message_id = NULL,"
                            + " part_no = NULL, updated_at = ? WHERE run_id = ? AND seq = ? AND status = 'SENDING'",
                    seqs.stream().map(seq -> new Object[] {now, runId, seq}).toList());
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
     * The relay's answers to messages, in the caller's transaction; each recipient row gets its
     * state, the relay's reply and its message. For a message answered whole whose rows were
     * never marked (the usual one), one range statement for the recipients that got its usual
     * answer (accepted, with the reply to the end of data) over the PENDING rows of its range, and
     * one statement per address for the others (refused, deferred). A message whose rows its
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
                if (counts[i] != expected.get(i)) {
                    throw new IllegalStateException("run " + runId + ": the range of message " + pendingRanges.get(i)[4]
                            + " held " + counts[i] + " PENDING rows, not " + expected.get(i)
                            + "; its answers are not recorded and the next attempt finds its recipients IN_DOUBT");
                }
            }
        }
        if (!markedRanges.isEmpty()) {
            jdbc.batchUpdate(set + " WHERE run_id = ? AND seq BETWEEN ? AND ? AND message_no = ? AND status = 'SENDING'",
                    markedRanges);
        }
        WireTransactions.lastOf(jdbc, runId, messages, now);
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
        int reopened = 0;
        if (failed) {
            reopened += jdbc.update("UPDATE bulletin_recipient SET status = 'PENDING', reason = 'FAILED before, re-opened by the"
                            + " operator', updated_at = ? WHERE run_id = ? AND status = 'FAILED'", now(), runId);
        }
        if (inDoubt) {
            reopened += jdbc.update("UPDATE bulletin_recipient SET status = 'PENDING', reason = 'IN_DOUBT before, re-opened by"
                            + " the operator', updated_at = ? WHERE run_id = ? AND status = 'IN_DOUBT'", now(), runId);
        }
        return reopened;
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
        List<Object[]> ranges = WireTransactions.inFlight(jdbc, runId).stream()
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
        jdbc.update("UPDATE bulletin_recipient SET status = 'PENDING', message_no = NULL, message_id = NULL, updated_at = ?"
                        + " WHERE run_id = ? AND status = 'SENDING' AND COALESCE(part_no, 0) = 0", now, runId);
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
        // Messages on the wire, whose rows stay PENDING until their answer (see markSending).
        jdbc.query("SELECT t.updated_at, t.recipients FROM bulletin_transaction t JOIN bulletin_run r ON r.run_id = t.run_id"
                        + " WHERE r.relay = ? AND t.state = 'SENDING' AND t.first_seq IS NOT NULL AND t.updated_at >= ?",
                (RowCallbackHandler) rs -> minutes.merge(rs.getTimestamp(1).toInstant().getEpochSecond() / 60, rs.getInt(2),
                        Integer::sum), relay, Timestamp.from(since));
        return minutes;
    }

    // ---- reading ------------------------------------------------------------------------

    public StatusCounts counts(long runId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        jdbc.query("SELECT status, COUNT(*) FROM bulletin_recipient WHERE run_id = ? GROUP BY status",
                (RowCallbackHandler) rs -> counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2)), runId);
        // The rows of a message on the wire stay PENDING until its answer (see markSending): they are SENDING.
        long onTheWire = jdbc.queryForObject("SELECT COALESCE(SUM(recipients), 0) FROM bulletin_transaction WHERE run_id = ?"
                + " AND state = 'SENDING' AND first_seq IS NOT NULL", Long.class, runId);
        if (onTheWire > 0) {
            counts.merge(DeliveryStatus.PENDING, -onTheWire, Long::sum);
            counts.merge(DeliveryStatus.SENDING, onTheWire, Long::sum);
        }
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
     * 12 s). The rows of a message on the wire are shown SENDING in it, as they stand (see
     * {@link #markSending}).
     */
    public void forEachRow(long runId, DeliveryStatus state, Consumer<AuditRow> consumer) {
        List<WireTransactions.InFlight> inFlight = WireTransactions.inFlight(jdbc, runId);
        if (inFlight.isEmpty()) {
            forEachStoredRow(runId, state, consumer);
            return;
        }
        // Only while a send runs, or after one died: a few messages, looked up for each row.
        boolean asStored = state != DeliveryStatus.PENDING && state != DeliveryStatus.SENDING;
        forEachStoredRow(runId, asStored ? state : null, row -> {
            AuditRow shown = inFlight.stream().filter(message -> message.holds(row)).findFirst()
                    .map(message -> message.sending(row)).orElse(row);
            if (state == null || shown.status() == state) {
                consumer.accept(shown);
            }
        });
    }

    private void forEachStoredRow(long runId, DeliveryStatus state, Consumer<AuditRow> consumer) {
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
                ? select + " WHERE run_id = ? AND seq > ? ORDER BY run_id, seq LIMIT " + PAGE
                : select + " WHERE run_id = ? AND status = ? AND seq > ? ORDER BY run_id, status, seq LIMIT " + PAGE;
        RowMapper<AuditRow> mapper = (rs, n) -> AuditRow.read(rs, campaign, period);
        ExecutorService ahead = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, PAGE_READER);
            thread.setDaemon(true); // a consumer that fails stops the reading: nothing to wait for at exit
            return thread;
        });
        try {
            Future<List<AuditRow>> next = ahead.submit(() -> page(page, mapper, runId, state, -1));
            while (true) {
                List<AuditRow> rows = next.get();
                boolean last = rows.size() < PAGE;
                if (!last) {
                    int after = rows.get(rows.size() - 1).seq();
                    next = ahead.submit(() -> page(page, mapper, runId, state, after));
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

    private List<AuditRow> page(String page, RowMapper<AuditRow> mapper, long runId, DeliveryStatus state, int after) {
        return state == null ? jdbc.query(page, mapper, runId, after) : jdbc.query(page, mapper, runId, state.name(), after);
    }

    /**
     * Every row about one address, in every run, oldest run first, with the columns of its input
     * row: what {@code audit --address} shows a person who asks what is kept about them. Matched on the staged key and on the
     * address as written (rejected rows have no key). Reads the whole ledger: a rare question.
     */
    public void forEachRowOfAddress(String address, Consumer<PersonRow> consumer) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        jdbc.query("SELECT r.campaign, r.period, " + AuditRow.columns("l.") + ", l.fields"
                        + " FROM bulletin_recipient l JOIN bulletin_run r ON r.run_id = l.run_id"
                        + " WHERE l.address_key = ? OR LOWER(l.address) = ? ORDER BY l.run_id, l.seq",
                (ResultSet rs) -> {
                    consumer.accept(new PersonRow(AuditRow.read(rs, rs.getString("campaign"), rs.getString("period")),
                            Fields.decode(rs.getString("fields"))));
                }, lower, lower);
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
