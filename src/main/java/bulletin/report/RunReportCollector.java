package bulletin.report;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.StatusCounts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the run's rows once, as the audit export goes through them: the counts per state, the
 * send's recipients per minute and the recipients who were not reached, so that the report costs no second pass over a
 * large ledger. The rows may come in any order (an attempt's report is told the rows below where
 * it read state by state, then reads the rest): it keeps the first problems by seq.
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
    /** The first problems in staging order, whatever order the rows come in: the highest seq on top, dropped first. */
    private final PriorityQueue<AuditRow> problems = new PriorityQueue<>(Comparator.comparingInt(AuditRow::seq).reversed());
    private long leftOut;

    @Override
    public void accept(AuditRow row) {
        counts.merge(row.status(), 1L, Long::sum);
        if (HANDLED.contains(row.status())) {
            perMinute.merge(row.updatedAt().truncatedTo(ChronoUnit.MINUTES), 1, Integer::sum);
        }
        if (PROBLEMS.contains(row.status())) {
            problems.add(row);
            if (problems.size() > LISTED) {
                problems.poll();
                leftOut++;
            }
        }
    }

    /**
     * Told the run's rows up to {@code throughSeq} without reading those its answered messages
     * speak for ({@link Ledger#tellRowsThrough}): what the report of an attempt that read the run
     * from above them needs, as if it had read them. Returns how many of them are PENDING with no
     * message speaking for them (counted PENDING): rows the next attempt must read the run from its
     * start for.
     */
    public long tellRowsThrough(Ledger ledger, long runId, int throughSeq) {
        long stranded = ledger.tellRowsThrough(runId, throughSeq, PROBLEMS, this, this::acceptCovered);
        if (stranded > 0) {
            counts.merge(DeliveryStatus.PENDING, stranded, Long::sum);
        }
        return stranded;
    }

    /** Rows an answered message speaks for, all at once: counted and put in their minute as if each had come. */
    private void acceptCovered(DeliveryStatus status, long rows, Instant at) {
        if (PROBLEMS.contains(status)) {
            throw new IllegalArgumentException(status + " rows are listed by name: they come one by one");
        }
        counts.merge(status, rows, Long::sum);
        if (HANDLED.contains(status)) {
            perMinute.merge(at.truncatedTo(ChronoUnit.MINUTES), Math.toIntExact(rows), Integer::sum);
        }
    }

    /** The run's rows per state, as read: no second count over the ledger. */
    public StatusCounts counts() {
        return new StatusCounts(counts);
    }

    SortedMap<Instant, Integer> perMinute() {
        return perMinute;
    }

    /** The first {@value #LISTED} problems, in staging order. */
    List<AuditRow> problems() {
        List<AuditRow> first = new ArrayList<>(problems);
        first.sort(Comparator.comparingInt(AuditRow::seq));
        return first;
    }

    long leftOut() {
        return leftOut;
    }
}
