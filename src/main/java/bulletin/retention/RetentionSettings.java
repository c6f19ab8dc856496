package bulletin.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bulletin.retention}: when set (e.g. {@code 24m}), {@code schedule} purges the personal
 * data of finished runs older than that once a day. Refused at start if it cannot be read.
 */
@ConfigurationProperties("bulletin")
public record RetentionSettings(String retention) {

    public RetentionSettings {
        if (retention != null && !retention.isBlank()) {
            try {
                RetentionPeriod.parse(retention);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bulletin.retention: " + e.getMessage()); // the sentence says it all
            }
        }
    }

    /** The period, or null when personal data is kept until someone purges it by hand. */
    public RetentionPeriod period() {
        return retention == null || retention.isBlank() ? null : RetentionPeriod.parse(retention);
    }
}
