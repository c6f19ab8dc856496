package bulletin.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxMessageSize the largest message a relay takes (OVH: 10 MB), checked before sending
 * @param dateFormat     how {{date}} is written, in {@code bulletin.locale} (e.g. "26 novembre 2026")
 */
@ConfigurationProperties("bulletin")
public record MessageSettings(@DefaultValue("10MB") DataSize maxMessageSize, @DefaultValue("d MMMM yyyy") String dateFormat) {
}
