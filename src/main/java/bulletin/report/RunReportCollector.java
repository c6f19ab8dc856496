package bulletin.report;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.StatusCounts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the run's rows once, as the audit export goes through them: the counts per state, the
 * send's recipients per minute and the recipients who were not reached, so that the report costs no second pass over a
 * large ledger.
 */
public final class RunReportCollector implements Consumer<AuditRow> {

    /** Rows the report lists by name; the rest are in the audit CSV. */
    static final int LISTED = 500;
    private static final Set<DeliveryStatus> HANDLED = EnumSet.of(DeliveryStatus.SENT, DeliveryStatus.REFUSED,
            DeliveryStatus.FAILED, DeliveryStatus.IN_DOUBT, DeliveryStatus.BOUNCED);
    /** Every recipient who was not sent to: set aside at staging, refused, failed, in doubt or bounced. */
    private static final Set<DeliveryStatus> PROBLEMS = EnumSet.of(DeliveryStatus.INVALID, DeliveryStatus.DUPLICATE,
            DeliveryStatus.SUPPRESSED, DeliveryStatus.REFUSED, DeliveryStatus.FAILED, DeliveryStatus.IN_DOUBT,
            DeliveryStatus.BOUNCED);

    private final Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
    private final SortedMap<Instant, Integer> perMinute = new TreeMap<>();
    private final List<AuditRow> problems = new ArrayList<>();
    private long leftOut;

    @Override
    public void accept(AuditRow row) {
        counts.merge(row.status(), 1L, Long::sum);
        if (HANDLED.contains(row.status())) {
            perMinute.merge(row.updatedAt().truncatedTo(ChronoUnit.MINUTES), 1, Integer::sum);
        }
        if (PROBLEMS.contains(row.status())) {
            if (problems.size() < LISTED) {
                problems.add(row);
            } else {
                leftOut++;
            }
        }
    }

    /** The run's rows per state, as read: no second count over the ledger. */
    public StatusCounts counts() {
        return new StatusCounts(counts);
    }

    SortedMap<Instant, Integer> perMinute() {
        return perMinute;
    }

    List<AuditRow> problems() {
        return problems;
    }

    long leftOut() {
        return leftOut;
    }
}
