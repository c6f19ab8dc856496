package bulletin.home;

import bulletin.text.TerminalWords;
import bulletin.text.Words;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the association lives: the time zone that decides which month "now" is (the default
 * period) and the locale dates are written in.
 */
@ConfigurationProperties("bulletin")
public record Locality(@DefaultValue("Pacific/Noumea") ZoneId timeZone, @DefaultValue("fr-FR") Locale locale) {

    /** How a moment is shown to the operator: in the association's zone, named (2026-11-30 11:07 Pacific/Noumea). */
    public static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV");

    /** What the terminal says, in this locale's language ({@code terminal/words*.properties}): the one way to get it. */
    public Words words() {
        return TerminalWords.in(locale);
    }

    public YearMonth currentPeriod() {
        return YearMonth.now(timeZone);
    }

    public String show(Instant moment) {
        return SHOWN.format(moment.atZone(timeZone));
    }

    /** A time Spring Batch stored as this machine's local time. */
    public String show(LocalDateTime local) {
        return show(local.atZone(ZoneId.systemDefault()).toInstant());
    }
}
