package bulletin.relay;

/** What the relay said about one envelope recipient. */
public sealed interface RecipientOutcome {

    /** The relay's reply, as it said it. */
    String reply();

    /** The relay took the message for this recipient (250 at the end of DATA). */
    record Accepted(String reply) implements RecipientOutcome {
    }

    /** Refused for good (5xx at RCPT): not to be retried. */
    record Refused(String reply) implements RecipientOutcome {
    }

    /** The relay may have taken the message for this recipient: the answer to its transaction was lost. */
    record InDoubt(String reply) implements RecipientOutcome {
    }

    /** Not sent this time (4xx at RCPT, or a failure at MAIL or DATA): may be retried later. */
    record Deferred(String reply) implements RecipientOutcome {
    }
}
