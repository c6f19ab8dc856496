package bulletin.relay;

import bulletin.text.Sentence;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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

    private static final Pattern ROUTED = Pattern.compile("(\\d+) recipients, (at most|more than) (\\d+)"
            + " \\(bulletin\\.routing\\.small-limit\\): through the (?:mailbox|bulk) relay '(.*)'");

    /** A run's recorded reason for its relay, as the terminal says it (any other reason as it is). */
    public static Sentence said(String reason) {
        if (reason.equals(RelayFactory.NAMED)) {
            return Sentence.of("relay.named");
        }
        Matcher routed = ROUTED.matcher(reason);
        if (routed.matches()) {
            return Sentence.of(routed.group(2).equals("at most") ? "relay.small" : "relay.bulk", routed.group(1),
                    routed.group(3), routed.group(4));
        }
        return Sentence.of("text", reason);
    }
}
