package bulletin.ledger;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMTP transactions of a run's messages ({@code bulletin_transaction}, V17): a message goes
 * out as one transaction, or as several when the relay takes fewer recipients than its envelope
 * holds. A recipient row names the transaction it is on the wire in ({@code part_no}); a SENDING
 * row with none is held by its message, never handed over. So a lost answer or a crash puts in
 * doubt exactly one transaction's recipients, and the held ones go back to PENDING.
 *
 * <p>A message's first transaction is recorded in the round's commit ({@link Ledger#markSending})
 * with the range of seqs its PENDING rows fill: its rows are not written until its answer, and
 * those that get its usual answer not even then ({@link TransactionRanges}). Each
 * call here records one change of a transaction under way in a commit of its own, before the wire
 * goes on; the first one marks the message's rows SENDING with part 1 (and clears the range),
 * since from then on they no longer share one fate.
 */
public final class WireTransactions {

    /** What a transaction became. */
    public enum State {
        /** Handed to the relay, no answer yet. */
        SENDING,
        /** The relay answered the end of its data. */
        ANSWERED,
        /** Its answer never came after its data: its recipients are in doubt. */
        LOST,
        /** It failed before the end of its data: nobody received it. */
        UNSENT
    }

    /** How one transaction ended, and the relay's words (addresses masked: the row outlives erasures). */
    public record End(int part, State state, String reply) {
    }

    private final JdbcTemplate template;
    private final TransactionTemplate ownTransaction;

    WireTransactions(JdbcTemplate template, TransactionTemplate ownTransaction) {
        this.template = template;
        this.ownTransaction = ownTransaction;
    }

    /**
     * A new transaction of a message starts: what the earlier ones settled is recorded, the one
     * before it ends as {@code previous} (null: the first transaction is re-used, smaller than
     * recorded, because the relay's cap was known), this one's rows name it and the other rows
     * still to send are held.
     */
    public void starting(long runId, long executionId, int messageNo, int part, End previous, List<Integer> seqs,
                         List<Integer> held, List<Ledger.Outcome> settled) {
        Timestamp now = Ledger.now();
        ownTransaction.executeWithoutResult(status -> {
            markRows(runId, messageNo, now);
            if (!settled.isEmpty()) {
                template.batchUpdate("UPDATE bulletin_recipient SET status = ?, relay_reply = ?, updated_at = ?"
                                + " WHERE run_id = ? AND seq = ? AND status = 'SENDING'",
                        settled.stream().map(outcome -> new Object[] {outcome.status().name(),
                                Ledger.truncate(outcome.reply(), 2000), now, runId, outcome.seq()}).toList());
            }
            if (previous == null) {
                template.update("UPDATE bulletin_transaction SET recipients = ?, updated_at = ? WHERE run_id = ?"
                        + " AND message_no = ? AND part_no = ?", seqs.size(), now, runId, messageNo, part);
            } else {
                end(runId, messageNo, previous, now);
                template.update("INSERT INTO bulletin_transaction (run_id, message_no, part_no, execution_id, state,"
                        + " recipients, updated_at) VALUES (?, ?, ?, ?, 'SENDING', ?, ?)", runId, messageNo, part,
                        executionId, seqs.size(), now);
            }
            setPart(runId, seqs, part);
            setPart(runId, held, null);
        });
    }

    /** The relay accepted only {@code seqs} of the transaction before its body: the others are held. */
    public void narrowed(long runId, int messageNo, int part, List<Integer> seqs, List<Integer> held) {
        ownTransaction.executeWithoutResult(status -> {
            markRows(runId, messageNo, Ledger.now());
            template.update("UPDATE bulletin_transaction SET recipients = ?, updated_at = ? WHERE run_id = ?"
                    + " AND message_no = ? AND part_no = ?", seqs.size(), Ledger.now(), runId, messageNo, part);
            setPart(runId, held, null);
        });
    }

    /** The transaction's answer was lost after its data: its rows are in doubt from now on, whatever follows. */
    public void lost(long runId, int messageNo, int part, Collection<Integer> seqs, String what) {
        Timestamp now = Ledger.now();
        ownTransaction.executeWithoutResult(status -> {
            markRows(runId, messageNo, now);
            end(runId, messageNo, new End(part, State.LOST, what), now);
            template.batchUpdate("UPDATE bulletin_recipient SET status = 'IN_DOUBT', reason = 'the answer to this message"
                            + " was lost: the relay may have taken it', relay_reply = ?, updated_at = ? WHERE run_id = ?"
                            + " AND seq = ? AND status = 'SENDING'",
                    seqs.stream().map(seq -> new Object[] {Ledger.truncate(what, 2000), now, runId, seq}).toList());
        });
    }

    /**
     * The message's rows, still PENDING and named only by its first transaction's range, marked
     * SENDING in its first transaction; nothing when they already are.
     */
    private void markRows(long runId, int messageNo, Timestamp now) {
        List<Object[]> range = template.query("SELECT execution_id, message_id, first_seq, last_seq FROM"
                        + " bulletin_transaction WHERE run_id = ? AND message_no = ? AND part_no = 1 AND first_seq IS NOT NULL",
                (rs, n) -> new Object[] {rs.getObject(1), messageNo, rs.getString(2), now, runId, rs.getInt(3), rs.getInt(4)},
                runId, messageNo);
        if (range.isEmpty()) {
            return;
        }
        template.update("UPDATE bulletin_recipient SET status = 'SENDING', execution_id = ?, message_no = ?,"
                + " message_id = ?, part_no = 1, updated_at = ? WHERE run_id = ? AND seq BETWEEN ? AND ?"
                + " AND status = 'PENDING'", range.get(0));
        template.update("UPDATE bulletin_transaction SET first_seq = NULL, last_seq = NULL WHERE run_id = ?"
                + " AND message_no = ? AND part_no = 1", runId, messageNo);
    }

    private void setPart(long runId, List<Integer> seqs, Integer part) {
        if (!seqs.isEmpty()) {
            template.batchUpdate("UPDATE bulletin_recipient SET part_no = ? WHERE run_id = ? AND seq = ?"
                    + " AND status = 'SENDING'", seqs.stream().map(seq -> new Object[] {part, runId, seq}).toList());
        }
    }

    private void end(long runId, int messageNo, End end, Timestamp now) {
        template.update("UPDATE bulletin_transaction SET state = ?, relay_reply = ?, updated_at = ? WHERE run_id = ?"
                        + " AND message_no = ? AND part_no = ? AND state = 'SENDING'", end.state().name(),
                Ledger.truncate(CampaignProblems.masked(end.reply()), 2000), now, runId, messageNo, end.part());
    }

    // ---- in the caller's transaction, for the Ledger's own writes ----------------------------

    /** The first transaction of each message about to leave, with the range of seqs its PENDING rows fill. */
    static void firstOf(JdbcTemplate template, long runId, long executionId, List<Ledger.Sending> messages, Timestamp now) {
        List<Object[]> rows = new ArrayList<>(messages.size());
        for (Ledger.Sending message : messages) {
            rows.add(new Object[] {runId, message.messageNo(), executionId, message.seqs().size(), now,
                    message.firstSeq(), message.lastSeq(), message.messageId()});
        }
        template.batchUpdate("INSERT INTO bulletin_transaction (run_id, message_no, part_no, execution_id, state,"
                + " recipients, updated_at, first_seq, last_seq, message_id) VALUES (?, ?, 1, ?, 'SENDING', ?, ?, ?, ?, ?)",
                rows);
    }

    /**
     * How the last transaction of each answered message ended; for a message whose usual answer is
     * {@code kept} on it, that answer, the range staying.
     */
    static void lastOf(JdbcTemplate template, long runId, List<Ledger.Answered> messages, Map<Integer, Ledger.Kept> kept,
                       Timestamp now) {
        List<Object[]> rows = new ArrayList<>(messages.size());
        for (Ledger.Answered message : messages) {
            End end = message.last();
            if (end != null) {
                Ledger.Kept usual = kept.get(message.messageNo());
                rows.add(new Object[] {end.state().name(), Ledger.truncate(CampaignProblems.masked(end.reply()), 2000), now,
                        usual == null ? null : usual.status().name(), usual == null ? null : usual.reply(),
                        usual == null ? null : usual.count(), runId, message.messageNo(), end.part()});
            }
        }
        if (!rows.isEmpty()) {
            int[] counts = template.batchUpdate("UPDATE bulletin_transaction SET state = ?, relay_reply = ?, updated_at = ?,"
                    + " usual_status = ?, usual_reply = ?, usual_count = ? WHERE run_id = ? AND message_no = ? AND part_no = ?"
                    + " AND state = 'SENDING'", rows);
            for (int i = 0; i < counts.length; i++) {
                if (rows.get(i)[3] != null && counts[i] != 1) {
                    // Never expected: unrecorded, the range would read as never sent; the next attempt finds it in doubt.
                    throw new IllegalStateException("run " + runId + ": message " + rows.get(i)[7] + " was no longer on the"
                            + " wire when its answer came; its answers are not recorded");
                }
            }
        }
    }

    /** The messages' transactions still SENDING went to nobody (the relay said so for sure). */
    static void unsent(JdbcTemplate template, long runId, int messageNo, String why, Timestamp now) {
        template.update("UPDATE bulletin_transaction SET state = 'UNSENT', relay_reply = ?, updated_at = ? WHERE run_id = ?"
                + " AND message_no = ? AND state = 'SENDING'", Ledger.truncate(CampaignProblems.masked(why), 2000), now,
                runId, messageNo);
    }

    /** After a crash: the transactions still SENDING had no answer recorded. */
    static void lostInCrash(JdbcTemplate template, long runId, Timestamp now) {
        template.update("UPDATE bulletin_transaction SET state = 'LOST', relay_reply = 'the run stopped before its answer"
                + " was recorded', updated_at = ? WHERE run_id = ? AND state = 'SENDING'", now, runId);
    }
}
