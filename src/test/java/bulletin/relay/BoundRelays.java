package bulletin.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Relay profiles bound from properties exactly as Boot binds {@code bulletin.relays.*} at start-up,
 * so that tests get the same defaults as an operator (none repeated here).
 */
public final class BoundRelays {

    private final Map<String, String> properties = new LinkedHashMap<>();

    /** {@code relay("test", "host", "127.0.0.1")} sets {@code bulletin.relays.test.host}. */
    public BoundRelays relay(String name, String property, Object value) {
        properties.put("bulletin.relays." + name + "." + property, String.valueOf(value));
        return this;
    }

    /** A relay on the loopback without TLS, retrying at once: the usual test relay. */
    public static BoundRelays plain(String name, int port) {
        return new BoundRelays().relay(name, "host", "127.0.0.1").relay(name, "port", port)
                .relay(name, "security", "none").relay(name, "retry.initial-backoff", "1ms")
                .relay(name, "retry.max-backoff", "5ms").relay(name, "retry.max-attempts", 3);
    }

    RelayProfile profile(String name) {
        return factory().effective(name);
    }

    public RelayFactory factory() {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        return new RelayFactory(binder.bindOrCreate("bulletin", RelayProfiles.class),
                binder.bindOrCreate("bulletin.routing", RoutingSettings.class));
    }
}
