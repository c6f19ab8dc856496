package bulletin.relay;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code relay: auto}: the association's rule — at most {@code smallLimit} recipients go through
 * its own mailbox, more through the bulk relay.
 */
@ConfigurationProperties("bulletin.routing")
@Validated
public record RoutingSettings(@DefaultValue("10") @PositiveOrZero int smallLimit, @DefaultValue("mailbox") String smallRelay,
                              @DefaultValue("mailjet") String bulkRelay) {

    public static final String AUTO = "auto";

    /** The relay for an audience of this size, and why. */
    public Route route(long recipients) {
        if (recipients <= smallLimit) {
            return new Route(smallRelay, recipients + " recipients, at most " + smallLimit
                    + " (bulletin.routing.small-limit): through the mailbox relay '" + smallRelay + "'");
        }
        return new Route(bulkRelay, recipients + " recipients, more than " + smallLimit
                + " (bulletin.routing.small-limit): through the bulk relay '" + bulkRelay + "'");
    }

    public record Route(String relay, String reason) {
    }
}
