package bulletin.cli;

import bulletin.home.Locality;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --period YYYY-MM} option: a month, by default the current one where the association lives. */
final class Periods {

    private Periods() {
    }

    static YearMonth parse(CommandSpec spec, String period, Locality locality) {
        if (period == null) {
            return locality.currentPeriod();
        }
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), locality.words().format("usage.period", period));
        }
    }
}
