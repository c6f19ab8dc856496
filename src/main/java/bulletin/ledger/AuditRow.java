package bulletin.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** One line of the audit: a recipient of a run, its state and the relay's answer. */
public record AuditRow(String campaign, String period, Long executionId, int seq, String address, String displayName,
                       DeliveryStatus status, String reason, Integer messageNo, String messageId, String relayReply,
                       String sourceFile, Long sourceLine, Instant updatedAt) {

    private static final String[] COLUMNS = {"execution_id", "seq", "address", "display_name", "status", "reason",
        "message_no", "message_id", "relay_reply", "source_file", "source_line", "updated_at"};

    /** The ledger's columns a row is read from, each after {@code alias} ("l." or ""). */
    static String columns(String alias) {
        return Arrays.stream(COLUMNS).map(column -> alias + column).collect(Collectors.joining(", "));
    }

    /** The row the result is at, read from {@link #columns}; campaign and period are its run's. */
    static AuditRow read(ResultSet rs, String campaign, String period) throws SQLException {
        return new AuditRow(campaign, period, (Long) rs.getObject("execution_id"), rs.getInt("seq"), rs.getString("address"),
                rs.getString("display_name"), DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                (Integer) rs.getObject("message_no"), rs.getString("message_id"), rs.getString("relay_reply"),
                rs.getString("source_file"), (Long) rs.getObject("source_line"), rs.getTimestamp("updated_at").toInstant());
    }
}
