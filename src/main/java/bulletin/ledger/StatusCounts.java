package bulletin.ledger;

import java.util.Collections;

import java.util.EnumMap;
import java.util.Map;

/** Recipients of a run by state; every state is present, zero or not. */
public record StatusCounts(Map<DeliveryStatus, Long> counts) {

    public StatusCounts {
        EnumMap<DeliveryStatus, Long> all = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            all.put(status, counts.getOrDefault(status, 0L));
        }
        counts = Collections.unmodifiableMap(all);
    }

    public long get(DeliveryStatus status) {
        return counts.get(status);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Everyone who could be sent to was sent to (a bounce that came back later does not undo the send). */
    public boolean allSent() {
        return counts.entrySet().stream().allMatch(e -> e.getValue() == 0 || e.getKey() == DeliveryStatus.SENT
                || e.getKey() == DeliveryStatus.BOUNCED || e.getKey().rejectedAtStaging());
    }
}
