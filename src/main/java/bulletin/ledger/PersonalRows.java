package bulletin.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The ledger's rows as personal data: how many still name someone, and forgetting them — a
 * finished run's at the end of its retention, one person's in every run at their request. Each
 * row keeps its state, so the counts stay. Writes join the caller's transaction.
 */
@Repository
public class PersonalRows {

    private final JdbcTemplate jdbc;

    PersonalRows(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Makes what was forgotten gone from the database files too: HSQLDB keeps deleted and updated
     * rows in its .data file, and each statement in its .log, until a checkpoint rewrites them
     * ({@code CHECKPOINT DEFRAG}). On PostgreSQL the space is reclaimed by VACUUM, which is the
     * operator's (docs/operator.md, "Personal data"). Outside any transaction.
     */
    public void compact() {
        Ledger.onHsqldb(jdbc, "CHECKPOINT DEFRAG");
    }

    /** How many of the run's rows still hold an address, a name or the relay's words about someone. */
    public long rowsNamingPeople(long runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_recipient WHERE run_id = ? AND (address <> ''"
                + " OR display_name IS NOT NULL OR address_key IS NOT NULL OR fields IS NOT NULL OR relay_reply IS NOT NULL"
                + " OR reason IS NOT NULL)", Long.class, runId);
    }

    /**
     * Removes what identifies people from a finished run's rows (address, key, name, other
     * columns, the relay's words and the reason, which may quote an address) and notes when; each
     * row keeps its state, so the run's counts stay. Returns how many rows changed.
     */
    public int forgetPeople(long runId) {
        // The rows their transactions speak for get their answer first, to keep it (see TransactionRanges).
        TransactionRanges.settle(jdbc, runId, TransactionRanges.of(jdbc, runId).answered());
        int rows = jdbc.update("UPDATE bulletin_recipient SET address = '', address_key = NULL, display_name = NULL,"
                + " fields = NULL, relay_reply = NULL, reason = NULL, message_id = NULL WHERE run_id = ? AND (address <> ''"
                + " OR display_name IS NOT NULL OR address_key IS NOT NULL OR fields IS NOT NULL OR relay_reply IS NOT NULL"
                + " OR reason IS NOT NULL)", runId);
        jdbc.update("UPDATE bulletin_run SET purged_at = ? WHERE run_id = ?", Ledger.now(), runId);
        return rows;
    }

    private static final String OF_ADDRESS = " WHERE (address_key = ? OR LOWER(address) = ?)";

    /** How many rows, in every run, are about this address. */
    public long rowsOfAddress(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        return jdbc.queryForObject("SELECT COUNT(*) FROM bulletin_recipient" + OF_ADDRESS, Long.class, lower, lower);
    }

    /**
     * Erases one person from every run, at their request: a row still to send becomes SUPPRESSED
     * (so a resumed run never mails them), then every row about them loses what identifies them,
     * keeping its state. Returns how many rows changed.
     */
    public int forgetAddress(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        // A row its transaction speaks for was sent: it gets its answer before anything changes (see TransactionRanges).
        Map<Long, List<Integer>> pending = new HashMap<>();
        jdbc.query("SELECT run_id, seq FROM bulletin_recipient" + OF_ADDRESS + " AND status = 'PENDING'",
                (RowCallbackHandler) rs -> pending.computeIfAbsent(rs.getLong(1), run -> new ArrayList<>()).add(rs.getInt(2)),
                lower, lower);
        pending.forEach((runId, seqs) -> TransactionRanges.settleHolding(jdbc, runId, seqs));
        jdbc.update("UPDATE bulletin_recipient SET status = 'SUPPRESSED', updated_at = ?" + OF_ADDRESS + " AND status = 'PENDING'",
                Ledger.now(), lower, lower);
        return jdbc.update("UPDATE bulletin_recipient SET address = '', address_key = NULL, display_name = NULL, fields = NULL,"
                        + " relay_reply = NULL, reason = NULL, message_id = NULL" + OF_ADDRESS, lower, lower);
    }
}
