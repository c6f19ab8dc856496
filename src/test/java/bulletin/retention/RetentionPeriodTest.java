package bulletin.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class RetentionPeriodTest {

    @Test
    void readsMonthsYearsWeeksDaysAndIsoPeriods() {
        assertThat(RetentionPeriod.parse("24m").period()).isEqualTo(Period.ofMonths(24));
        assertThat(RetentionPeriod.parse(" 2Y ").period()).isEqualTo(Period.ofYears(2));
        assertThat(RetentionPeriod.parse("8w").period()).isEqualTo(Period.ofWeeks(8));
        assertThat(RetentionPeriod.parse("90d").period()).isEqualTo(Period.ofDays(90));
        assertThat(RetentionPeriod.parse("P1Y6M").period()).isEqualTo(Period.of(1, 6, 0));
        assertThat(RetentionPeriod.parse("24m")).hasToString("2 years");
        assertThat(RetentionPeriod.parse("18m")).hasToString("1 year 6 months");
    }

    @Test
    void theCutoffIsThatLongBeforeNowOnTheAssociationsCalendar() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, ZoneId.of("Pacific/Noumea"));
        assertThat(RetentionPeriod.parse("24m").cutoff(now)).isEqualTo(now.minusMonths(24).toInstant());
    }

    @Test
    void refusesWhatItCannotReadSayingHowToWriteIt() {
        for (String bad : new String[] {"24x", "", "m", "-3m", "0d", "24 months"}) {
            assertThatThrownBy(() -> RetentionPeriod.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("24m (months)");
        }
    }
}
