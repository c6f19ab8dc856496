package bulletin.feedback;

import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feedback loop's settings, {@code bulletin.feedback.*}.
 *
 * @param mailbox            the mailbox profile read by {@code feedback} and {@code schedule}
 * @param interval           how often {@code schedule} reads the feedback
 * @param softBounceLimit    temporary failures, from this many runs, that suppress an address
 * @param confirmUnsubscribe answer an unsubscribe request by mail through the mailbox relay
 * @param confirmRelay       the relay the confirmation goes through
 * @param mailjetApi         Mailjet's API (tests point it at a local fake)
 * @param mailjetLookback    how long after a run its Mailjet events are still read
 * @param mailjetRetryWait   the first wait after Mailjet answers 429 or 5xx; it doubles each time
 * @param mailjetTimeout     how long one whole answer of Mailjet's API may take, headers and body
 * @param mailjetSettle      how long Mailjet may take to list a message it received: an in-doubt
 *                           message it still does not list after that was never received
 */
@ConfigurationProperties("bulletin.feedback")
@Validated
public record FeedbackSettings(@DefaultValue("mailbox") String mailbox,
                               @DefaultValue("15m") Duration interval,
                               @DefaultValue("3") @Min(1) int softBounceLimit,
                               @DefaultValue("false") boolean confirmUnsubscribe,
                               @DefaultValue("mailbox") String confirmRelay,
                               @DefaultValue("https://api.mailjet.com") URI mailjetApi,
                               @DefaultValue("30d") Duration mailjetLookback,
                               @DefaultValue("2s") Duration mailjetRetryWait,
                               @DefaultValue("60s") Duration mailjetTimeout,
                               @DefaultValue("30m") Duration mailjetSettle) {
}
