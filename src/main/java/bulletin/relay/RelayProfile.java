package bulletin.relay;

import bulletin.text.Ascii;
import bulletin.tls.Security;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One SMTP relay as configured under {@code bulletin.relays.NAME}. The password is kept out of
 * {@link #toString()}, so that it can never reach a log line or an exception message.
 */
public record RelayProfile(
        String host,
        @DefaultValue("587") @Min(1) @Max(65535) int port,
        @DefaultValue("starttls") Security security,
        String username,
        String password,
        @DefaultValue("30s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("60s") Duration writeTimeout,
        @DefaultValue("false") boolean smtputf8,
        String provider,
        Path trustCertificate,
        @DefaultValue("0") @PositiveOrZero int maxMessagesPerConnection,
        @DefaultValue("1") @Min(1) int connections,
        @DefaultValue("true") boolean pipelining,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Budget budget) {

    /**
     * How a transaction that failed without an answer for each address is tried again.
     *
     * @param maxAttempts    tries of one transaction in all (1: no retry)
     * @param initialBackoff the wait before the second try; it doubles each time, with jitter
     * @param maxBackoff     the longest wait between two tries
     */
    record Retry(@DefaultValue("4") @Min(1) int maxAttempts, @DefaultValue("2s") Duration initialBackoff,
                        @DefaultValue("2m") Duration maxBackoff) {
    }

    /**
     * What the relay may take, counted from the ledger so that it holds across runs and restarts
     * (0: no limit).
     *
     * @param maxWait how long a run waits for the budget to allow more; past that it stops and says when to resume
     */
    public record Budget(@DefaultValue("0") @PositiveOrZero double messagesPerSecond,
                         @DefaultValue("0") @PositiveOrZero int recipientsPerHour,
                         @DefaultValue("0") @PositiveOrZero int recipientsPerDay, @DefaultValue("5m") Duration maxWait) {
    }

    RelayProfile withSecurity(Security newSecurity) {
        return new RelayProfile(host, port, newSecurity, username, password, connectTimeout, readTimeout, writeTimeout,
                smtputf8, provider, trustCertificate, maxMessagesPerConnection, connections, pipelining, retry, budget);
    }

    /**
     * The headers this relay's provider reads, for one message of one campaign: none, except for
     * Mailjet. Mailjet's campaign groups its statistics, its deduplication drops a second copy of
     * the campaign to one address (the safety net when an in-doubt message is sent again), and the
     * custom id comes back in its events.
     *
     * @param campaign the campaign and its period, e.g. "Lettre 2026-11"
     * @param customId names the run and the message, e.g. "run12-message3"
     */
    Map<String, String> providerHeaders(String campaign, String customId) {
        if (!isMailjet()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Mailjet-Campaign", mailjetCampaign(campaign));
        headers.put("X-Mailjet-DeduplicateCampaign", "true");
        headers.put("X-MJ-CustomID", customId);
        return headers;
    }

    /** Mailjet allows letters, digits, space, '-' and '_' in a campaign name, up to 255 characters. */
    static String mailjetCampaign(String name) {
        String allowed = Ascii.fold(name).replaceAll("[^A-Za-z0-9 _-]", "_");
        return allowed.length() > 255 ? allowed.substring(0, 255) : allowed;
    }

    /** Mailjet reads campaign headers; known by {@code provider: mailjet} or by its host. */
    boolean isMailjet() {
        return "mailjet".equalsIgnoreCase(provider) || (host != null && host.toLowerCase(Locale.ROOT).endsWith(".mailjet.com"));
    }

    boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    /** host:port and security only: no user name, no password. */
    public String describe() {
        return host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        return "RelayProfile[" + describe() + (hasCredentials() ? ", with credentials" : "") + "]";
    }
}
