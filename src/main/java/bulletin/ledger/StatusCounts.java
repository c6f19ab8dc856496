package bulletin.ledger;

import java.util.Collections;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

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

    /** "SENT=99990,INVALID=10": the states with rows, as {@link #parse} reads them back. */
    public String text() {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    public static StatusCounts parse(String text) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (String pair : text.split(",")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                counts.put(DeliveryStatus.valueOf(pair.substring(0, equals)), Long.parseLong(pair.substring(equals + 1)));
            }
        }
        return new StatusCounts(counts);
    }

    /** Everyone who could be sent to was sent to (a bounce that came back later does not undo the send). */
    public boolean allSent() {
        return counts.entrySet().stream().allMatch(e -> e.getValue() == 0 || e.getKey() == DeliveryStatus.SENT
                || e.getKey() == DeliveryStatus.BOUNCED || e.getKey().rejectedAtStaging());
    }
}
