package bulletin.retention;

import bulletin.text.Sentence;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.springframework.boot.convert.PeriodStyle;

/**
 * How long the personal data of a finished run is kept: {@code 24m} (months), {@code 2y},
 * {@code 8w}, {@code 90d}, or an ISO-8601 period ({@code P2Y}). "m" is months here, never
 * minutes: nobody keeps a ledger for minutes.
 */
public record RetentionPeriod(Period period) {

    public RetentionPeriod {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a retention period must be longer than nothing");
        }
    }

    /** @throws IllegalArgumentException saying how to write it */
    public static RetentionPeriod parse(String text) {
        try {
            // Boot's own reading of a period, as for any other setting: 24m, 2y, 8w, 90d, or ISO P2Y.
            return new RetentionPeriod(PeriodStyle.detectAndParse(text == null ? "" : text.strip().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a retention period: write 24m (months), 2y (years), 8w"
                    + " (weeks) or 90d (days)");
        }
    }

    /** The moment before which a run that ended is old enough to be purged. */
    public Instant cutoff(ZonedDateTime now) {
        return now.minus(period).toInstant();
    }

    /** The period in the terminal's words ("2 ans", "24 months"). */
    public Sentence said() {
        Period p = period.normalized();
        Sentence said = null;
        for (int[] unit : new int[][] {{p.getYears(), 0}, {p.getMonths(), 1}, {p.getDays(), 2}}) {
            if (unit[0] != 0) {
                Sentence part = Sentence.of("period." + UNITS[unit[1]] + (unit[0] == 1 ? ".one" : ".many"), unit[0]);
                said = said == null ? part : Sentence.of("words", said, part);
            }
        }
        return said;
    }

    private static final String[] UNITS = {"year", "month", "day"};

    @Override
    public String toString() {
        Period p = period.normalized();
        StringBuilder text = new StringBuilder();
        append(text, p.getYears(), "year");
        append(text, p.getMonths(), "month");
        append(text, p.getDays(), "day");
        return text.toString();
    }

    private static void append(StringBuilder text, int n, String unit) {
        if (n != 0) {
            text.append(text.length() == 0 ? "" : " ").append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
        }
    }
}
