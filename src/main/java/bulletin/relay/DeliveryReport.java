package bulletin.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one message for each address of its envelope, and the tries it took to get
 * there (none when the relay answered the first time).
 *
 * @param stopped null, or why the relay gave up after some of the message's transactions were
 *                answered: the addresses without an outcome were never handed over, and the run
 *                stops with this failure
 */
public record DeliveryReport(Map<String, RecipientOutcome> outcomes, List<Retry> retries, RelayException stopped) {

    public DeliveryReport {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        retries = List.copyOf(retries);
    }

    public DeliveryReport(Map<String, RecipientOutcome> outcomes, List<Retry> retries) {
        this(outcomes, retries, null);
    }

    public DeliveryReport(Map<String, RecipientOutcome> outcomes) {
        this(outcomes, List.of(), null);
    }

    /**
     * The relay did not take {@code recipients} addresses (deferred, or the connection failed) and
     * they wait {@code delay} before the next try.
     *
     * @param reply what the relay said about the first of them
     */
    public record Retry(Instant at, int recipients, Duration delay, String reply) {
    }

    static DeliveryReport allAccepted(List<String> envelope, String reply) {
        Map<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        envelope.forEach(address -> outcomes.put(address, new RecipientOutcome.Accepted(reply)));
        return new DeliveryReport(outcomes);
    }

    public RecipientOutcome outcome(String address) {
        return outcomes.get(address);
    }
}
