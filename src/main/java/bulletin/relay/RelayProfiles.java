package bulletin.relay;

import jakarta.validation.Valid;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The relay profiles, {@code bulletin.relays.NAME.*}. Boot's relaxed binding lets the
 * environment override any of them or define a new one, e.g. {@code BULLETIN_RELAYS_LOCAL_HOST}.
 */
@ConfigurationProperties("bulletin")
@Validated
public record RelayProfiles(Map<String, @Valid RelayProfile> relays) {

    /** The built-in relay that writes messages to files instead of sending them. */
    public static final String OUTBOX = "outbox";

    public RelayProfiles {
        relays = relays == null ? Map.of() : Map.copyOf(relays);
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>(relays.keySet());
        names.add(OUTBOX);
        return names;
    }
}
