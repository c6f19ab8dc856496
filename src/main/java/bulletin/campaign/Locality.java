package bulletin.campaign;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the association lives: the time zone that decides which month "now" is (the default
 * period) and the locale dates are written in.
 */
@ConfigurationProperties("bulletin")
public record Locality(@DefaultValue("Pacific/Noumea") ZoneId timeZone, @DefaultValue("fr-FR") Locale locale) {

    public YearMonth currentPeriod() {
        return YearMonth.now(timeZone);
    }
}
