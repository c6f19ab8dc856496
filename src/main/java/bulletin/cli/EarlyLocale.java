package bulletin.cli;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The terminal's language before Spring has read the settings (installing a home, a start that
 * failed): {@code --bulletin.locale=} on the command line, else {@code BULLETIN_LOCALE}, else the
 * shipped default. A locale set only in a settings file is not seen here.
 */
public final class EarlyLocale {

    static final String ARGUMENT = "--bulletin.locale=";
    private static final String DEFAULT = "fr-FR";

    private EarlyLocale() {
    }

    public static Locale of(List<String> args) {
        return Locale.forLanguageTag(args.stream().filter(arg -> arg.startsWith(ARGUMENT))
                .map(arg -> arg.substring(ARGUMENT.length())).findFirst()
                .orElse(Objects.requireNonNullElse(System.getenv("BULLETIN_LOCALE"), DEFAULT)));
    }
}
