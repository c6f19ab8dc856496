package bulletin.audience;

import bulletin.text.Sentence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Addresses never to mail again — unsubscribed, bounced, complained — kept in the database and
 * applied when a run's audience is staged. Matching is by {@link AddressKeys}, as staging's: an
 * unsubscribe request is honoured however the address is written in a member file.
 */
@Repository
public class SuppressionList {

    /** Why an address is suppressed. */
    public enum Reason { UNSUBSCRIBED, BOUNCED, COMPLAINED, BLOCKED, MANUAL }

    /**
     * One suppressed address.
     *
     * @param runId  the run whose feedback suppressed it, or null
     * @param source where it came from: "mailbox 'mailbox'", "mailjet", "relay", or null (by hand, import)
     */
    public record Entry(String address, Reason reason, String note, Instant addedAt, Long runId, String source) {
    }

    /** How many keys a lookup past the snapshot's limit asks for in one statement. */
    private static final int LOOKUP_SLICE = 50;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final AddressKeys keys;

    SuppressionList(DataSource dataSource, AddressKeys keys) {
        this.keys = keys;
        this.jdbc = JdbcClient.create(dataSource);
        this.named = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The key this list (and every comparison of addresses) knows an address by. */
    public String key(String address) {
        return keys.of(address);
    }

    /** Adds or updates an address; returns false when it is not an address. */
    public boolean add(String text, Reason reason, String note) {
        AddressNormalizer.Result result = new AddressNormalizer(true, keys).normalize(text);
        if (!(result instanceof AddressNormalizer.Valid valid)) {
            return false;
        }
        String key = key(valid.address());
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.sql("UPDATE bulletin_suppression SET reason = ?, note = ?, added_at = ? WHERE address_key = ?")
                .params(reason.name(), note, now, key).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO bulletin_suppression (address_key, address, reason, note, added_at) VALUES (?,?,?,?,?)")
                    .params(key, valid.address(), reason.name(), note, now).update();
        }
        return true;
    }

    /**
     * Suppresses an address from feedback (a bounce, a request, a complaint), keeping an earlier
     * suppression as it is: the first reason stands, with its date and run.
     *
     * @return true when the address was not suppressed before
     */
    public boolean addIfAbsent(String address, Reason reason, String note, Long runId, String source) {
        AddressNormalizer.Result result = new AddressNormalizer(true, keys).normalize(address);
        String shown = result instanceof AddressNormalizer.Valid valid ? valid.address() : address.strip();
        String key = key(shown);
        if (jdbc.sql("SELECT COUNT(*) FROM bulletin_suppression WHERE address_key = ?").param(key).query(Long.class)
                .single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO bulletin_suppression (address_key, address, reason, note, added_at, run_id, source)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(key, shown, reason.name(), note == null || note.length() <= 2000 ? note : note.substring(0, 2000),
                        Timestamp.from(Instant.now()), runId, source)
                .update();
        return true;
    }

    /** What the feedback of one run suppressed, by reason. */
    public Map<Reason, Long> fromRun(long runId) {
        Map<Reason, Long> counts = new EnumMap<>(Reason.class);
        jdbc.sql("SELECT reason, COUNT(*) FROM bulletin_suppression WHERE run_id = ? GROUP BY reason").param(runId)
                .query(rs -> {
                    counts.put(Reason.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    public boolean isSuppressed(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM bulletin_suppression WHERE address_key = ?").param(key(address))
                .query(Long.class).single() > 0;
    }

    public boolean remove(String address) {
        return jdbc.sql("DELETE FROM bulletin_suppression WHERE address_key = ?").param(key(address)).update() > 0;
    }

    public List<Entry> list() {
        return jdbc.sql("SELECT address, reason, note, added_at, run_id, source FROM bulletin_suppression ORDER BY address_key")
                .query((rs, n) -> new Entry(rs.getString(1), Reason.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), (Long) rs.getObject(5), rs.getString(6)))
                .list();
    }

    /** A staging's view of the list. */
    @FunctionalInterface
    public interface Lookup {
        /** For each of these keys ({@link #key}) that is suppressed: why, in words for the audit. */
        Map<String, Sentence> reasons(Collection<String> keys);
    }

    /** Up to this many addresses, a staging reads the list whole, once (a few MB at most). */
    static final int SNAPSHOT_LIMIT = 10_000;

    /**
     * The list to judge a whole staging by. One of up to {@link #SNAPSHOT_LIMIT} addresses (an
     * association's holds a few hundred) is read whole, once: a staging sees it as it stood when the
     * staging began. Asking the database for every 50 rows instead cost about 1 s of a
     * 100,000-row staging through the database helper (2,000 statements; measured, bench/RESULTS.md).
     * A longer list is asked chunk by chunk.
     */
    public Lookup snapshot() {
        return snapshot(SNAPSHOT_LIMIT);
    }

    Lookup snapshot(int limit) {
        Map<String, Sentence> byKey = new HashMap<>();
        jdbc.sql("SELECT address_key, reason, added_at FROM bulletin_suppression LIMIT " + (limit + 1))
                .query((RowCallbackHandler) rs -> byKey.put(rs.getString(1), said(rs)));
        if (byKey.size() > limit) {
            return this::reasonsNow;
        }
        return keys -> {
            Map<String, Sentence> found = new HashMap<>();
            keys.forEach(key -> Optional.ofNullable(byKey.get(key)).ifPresent(reason -> found.put(key, reason)));
            return found;
        };
    }

    private Map<String, Sentence> reasonsNow(Collection<String> keys) {
        Map<String, Sentence> byKey = new HashMap<>();
        List<String> wanted = keys.stream().distinct().toList();
        // Asked LOOKUP_SLICE keys at a time, the last slice padded with its own last key: one
        // statement text for every chunk of a staging. HSQLDB parses a statement of n parameters
        // in time and garbage that grow as n² (a 1,000-key list cost its server 10 MB per chunk).
        for (int from = 0; from < wanted.size(); from += LOOKUP_SLICE) {
            List<String> slice = new ArrayList<>(wanted.subList(from, Math.min(wanted.size(), from + LOOKUP_SLICE)));
            while (slice.size() < LOOKUP_SLICE) {
                slice.add(slice.get(slice.size() - 1));
            }
            named.query("SELECT address_key, reason, added_at FROM bulletin_suppression WHERE address_key IN (:keys)",
                    new MapSqlParameterSource("keys", slice), (RowCallbackHandler) rs -> byKey.put(rs.getString(1), said(rs)));
        }
        return byKey;
    }

    private static Sentence said(ResultSet rs) throws SQLException {
        return Sentence.of("audience.suppressed", rs.getString(2).toLowerCase(Locale.ROOT),
                rs.getTimestamp(3).toLocalDateTime().toLocalDate());
    }
}
