package bulletin.relay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one message for each address of its envelope. */
public record DeliveryReport(Map<String, RecipientOutcome> outcomes) {

    public DeliveryReport {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
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
