package bulletin.send;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a run gives up: past {@code maxFailureRate} of refused or failed recipients (once at least
 * {@code failureRateAfter} were tried in this attempt) it stops FAILED, restartable, rather than
 * going on mailing through a relay that is refusing it; and after {@code lostAnswersInARow}
 * messages in a row whose answer was lost (the relay is gone, not just one connection).
 */
@ConfigurationProperties("bulletin.send")
@Validated
public record SendSettings(@DefaultValue("0.25") @DecimalMin("0") @DecimalMax("1") double maxFailureRate,
                           @DefaultValue("20") @Min(1) int failureRateAfter,
                           @DefaultValue("3") @Min(1) int lostAnswersInARow) {
}
