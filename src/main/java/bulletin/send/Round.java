package bulletin.send;

import java.util.List;

/** The envelopes sent at the same time, one per connection to the relay. */
public record Round(List<Envelope> envelopes) {

    public Round {
        envelopes = List.copyOf(envelopes);
    }
}
