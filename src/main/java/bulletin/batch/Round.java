package bulletin.batch;

import java.util.List;

/** The envelopes sent at the same time, one per connection to the relay. */
record Round(List<Envelope> envelopes) {

    Round {
        envelopes = List.copyOf(envelopes);
    }
}
