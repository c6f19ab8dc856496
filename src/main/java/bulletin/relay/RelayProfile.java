package bulletin.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One SMTP relay as configured under {@code bulletin.relays.NAME}. The password is kept out of
 * {@link #toString()}, so that it can never reach a log line or an exception message.
 */
public record RelayProfile(
        String host,
        @DefaultValue("587") int port,
        @DefaultValue("starttls") Security security,
        String username,
        String password,
        @DefaultValue("30s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("60s") Duration writeTimeout,
        @DefaultValue("false") boolean smtputf8,
        String provider) {

    /** Mailjet reads campaign headers; known by {@code provider: mailjet} or by its host. */
    public boolean isMailjet() {
        return "mailjet".equalsIgnoreCase(provider) || (host != null && host.toLowerCase(java.util.Locale.ROOT).endsWith(".mailjet.com"));
    }

    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    /** host:port and security only: no user name, no password. */
    public String describe() {
        return host + ":" + port + " (" + security.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        return "RelayProfile[" + describe() + (hasCredentials() ? ", with credentials" : "") + "]";
    }
}
