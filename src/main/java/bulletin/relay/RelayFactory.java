package bulletin.relay;

import bulletin.text.Sentence;
import bulletin.text.TerminalWords;
import bulletin.tls.CertificateProblem;
import bulletin.tls.Security;
import bulletin.tls.TrustedSockets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Opens the relay a run names: {@code outbox}, or one of the profiles under {@code bulletin.relays}. */
@Component
public class RelayFactory {

    /** The reason recorded for a relay the job file names. */
    static final String NAMED = "named in the job file";

    private static final Logger log = LoggerFactory.getLogger(RelayFactory.class);

    private final RelayProfiles profiles;
    private final RoutingSettings routing;

    @Autowired
    public RelayFactory(RelayProfiles profiles, RoutingSettings routing) {
        this.profiles = profiles;
        this.routing = routing;
    }

    /** {@code auto} picks a relay by the size of the staged audience; any other name is itself. */
    public RoutingSettings.Route route(String name, long recipients) {
        if (RoutingSettings.AUTO.equals(name)) {
            RoutingSettings.Route route = routing.route(recipients);
            log.info(TerminalWords.key("log.relay-auto"), "Relay auto: {}", RoutingSettings.said(route.reason()));
            return route;
        }
        return new RoutingSettings.Route(name, NAMED);
    }

    /** Fails, saying what to do, when the named relay is not defined or cannot work as written. */
    public void check(String name) {
        if (RelayProfiles.OUTBOX.equals(name)) {
            return;
        }
        if (RoutingSettings.AUTO.equals(name)) {
            check(routing.smallRelay());
            check(routing.bulkRelay());
            return;
        }
        RelayProfile profile = profiles.relays().get(name);
        if (profile == null) {
            throw new RelayConfigurationException(Sentence.of("relay.undefined", name, String.join(", ", profiles.names()),
                    name.toUpperCase(Locale.ROOT)));
        }
        if (profile.host() == null || profile.host().isBlank()) {
            throw new RelayConfigurationException(Sentence.of("relay.no-host", name));
        }
        if (profile.security() == Security.STARTTLS && profile.port() == 465) {
            throw new RelayConfigurationException(Sentence.of("relay.starttls-465", name));
        }
        if (profile.security() == Security.NONE && profile.hasCredentials()) {
            throw new RelayConfigurationException(Sentence.of("relay.clear-credentials", name));
        }
        boolean mailjetHost = profile.host().toLowerCase(Locale.ROOT).endsWith(".mailjet.com");
        if (mailjetHost && !profile.hasCredentials()) {
            throw new RelayConfigurationException(Sentence.of("relay.mailjet-keys", name));
        }
        if (profile.hasCredentials() && (profile.password() == null || profile.password().isBlank())) {
            throw new RelayConfigurationException(Sentence.of("relay.no-password", name));
        }
        if (profile.trustCertificate() != null && profile.security() != Security.NONE) {
            try {
                TrustedSockets.check(profile.trustCertificate(), Sentence.of("tls.owner.relay", name),
                        "bulletin.relays." + name + ".trust-certificate");
            } catch (CertificateProblem e) {
                throw new RelayConfigurationException(e.sentence());
            }
        }
    }

    /**
     * What the operator should know of a relay before sending: where it is, and whether it logs in
     * (the user name only; never the password).
     */
    public Sentence describe(String name) {
        if (RelayProfiles.OUTBOX.equals(name)) {
            return Sentence.of("relay.describe.outbox");
        }
        RelayProfile profile = effective(name);
        if (profile == null) {
            return Sentence.of("text", name);
        }
        return profile.hasCredentials() ? Sentence.of("relay.describe.login", name + " " + profile.describe(), profile.username())
                : Sentence.of("relay.describe.no-login", name + " " + profile.describe());
    }

    /**
     * Connects to the relay as a send would — EHLO, STARTTLS, AUTH — and quits without sending.
     *
     * @return what the relay accepted, in a sentence
     * @throws RelayException saying what failed, as a send would
     */
    public Sentence handshake(String name) {
        check(name);
        if (RelayProfiles.OUTBOX.equals(name)) {
            return Sentence.of("relay.outbox-no-connection");
        }
        RelayProfile profile = effective(name);
        // No MAIL FROM is sent: the envelope sender does not matter here.
        try (SmtpRelay relay = new SmtpRelay(name, profile, "postmaster@localhost")) {
            return relay.handshake();
        }
    }

    /**
     * The profile as it will be used. "SSL/TLS on 587" — as the association's setup card says —
     * cannot work (587 is a STARTTLS port): it is understood as STARTTLS, and said so.
     */
    RelayProfile effective(String name) {
        RelayProfile profile = profiles.relays().get(name);
        if (profile != null && profile.security() == Security.SSL && profile.port() == 587) {
            log.warn(TerminalWords.key("log.ssl-587"), "Relay '{}' says SSL/TLS on port 587, a STARTTLS port: using STARTTLS"
                    + " (TLS required before logging in). Set bulletin.relays.{}.security=starttls to silence this.", name, name);
            return profile.withSecurity(Security.STARTTLS);
        }
        return profile;
    }

    /** The connections a run opens to this relay ({@code bulletin.relays.NAME.connections}; the outbox has one). */
    public int connections(String name) {
        RelayProfile profile = profiles.relays().get(name);
        return profile == null ? 1 : Math.max(1, profile.connections());
    }

    /** {@link #connections} connections to the relay, for one step of one run. */
    public ParallelRelays openPool(String name, String envelopeFrom, Path outbox) {
        List<Relay> pool = new ArrayList<>();
        AtomicInteger cap = new AtomicInteger(); // the relay's recipients per message, once a 452 tells
        for (int i = 0; i < connections(name); i++) {
            pool.add(open(name, envelopeFrom, outbox, cap));
        }
        return new ParallelRelays(pool);
    }

    /** Whether the relay can take a non-ASCII local part (SMTPUTF8); the outbox stands for a relay that cannot. */
    public boolean supportsSmtpUtf8(String name) {
        if (RoutingSettings.AUTO.equals(name)) {
            return supportsSmtpUtf8(routing.smallRelay()) && supportsSmtpUtf8(routing.bulkRelay());
        }
        RelayProfile profile = profiles.relays().get(name);
        return profile != null && profile.smtputf8();
    }

    /** The relay's budget, or null for one without limits (the outbox has none). */
    public RelayProfile.Budget budget(String name) {
        RelayProfile profile = profiles.relays().get(name);
        if (profile == null) {
            return null;
        }
        RelayProfile.Budget budget = profile.budget();
        boolean limited = budget.messagesPerSecond() > 0 || budget.recipientsPerHour() > 0 || budget.recipientsPerDay() > 0;
        return limited ? budget : null;
    }

    /**
     * A Mailjet account, as a Mailjet relay logs in: the API key and the secret key, which also
     * open Mailjet's REST API. The secret stays out of {@link #toString()}.
     */
    public record MailjetAccount(String apiKey, String secretKey) {
        @Override
        public String toString() {
            return "MailjetAccount[" + apiKey + "]";
        }
    }

    /** The Mailjet relays that have credentials, by name: whose events the feedback loop can read. */
    public Map<String, MailjetAccount> mailjetAccounts() {
        Map<String, MailjetAccount> accounts = new TreeMap<>();
        profiles.relays().forEach((name, profile) -> {
            if (profile.isMailjet() && profile.hasCredentials() && profile.password() != null && !profile.password().isBlank()) {
                accounts.put(name, new MailjetAccount(profile.username(), profile.password()));
            }
        });
        return accounts;
    }

    /** The name Mailjet knows a run's campaign by: what X-Mailjet-Campaign said for "CAMPAIGN PERIOD". */
    public static String mailjetCampaign(String campaignAndPeriod) {
        return RelayProfile.mailjetCampaign(campaignAndPeriod);
    }

    /** The custom id a Mailjet relay's message carries ({@code X-MJ-CustomID}) and Mailjet lists it by. */
    public static String mailjetCustomId(long runId, int messageNo) {
        return "run" + runId + "-message" + messageNo;
    }

    /** The headers the named relay's provider reads (Mailjet's), none for others and the outbox. */
    public Map<String, String> providerHeaders(String name, String campaign, String customId) {
        RelayProfile profile = profiles.relays().get(name);
        return profile == null ? Map.of() : profile.providerHeaders(campaign, customId);
    }

    /**
     * @param name         the relay profile's name
     * @param envelopeFrom the envelope sender (MAIL FROM), where bounces go
     * @param outbox       where the outbox relay writes this run's messages
     */
    public Relay open(String name, String envelopeFrom, Path outbox) {
        return open(name, envelopeFrom, outbox, new AtomicInteger());
    }

    private Relay open(String name, String envelopeFrom, Path outbox, AtomicInteger cap) {
        check(name);
        if (RelayProfiles.OUTBOX.equals(name)) {
            return new OutboxRelay(outbox, envelopeFrom);
        }
        RelayProfile profile = effective(name);
        return new RetryingRelay(new SmtpRelay(name, profile, envelopeFrom), profile.retry(), cap);
    }
}
