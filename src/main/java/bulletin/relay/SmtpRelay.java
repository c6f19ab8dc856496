package bulletin.relay;

import bulletin.problem.Causes;
import bulletin.text.Sentence;
import bulletin.text.TerminalWords;
import bulletin.tls.CertificateProblem;
import bulletin.tls.Security;
import bulletin.tls.TlsFailure;
import bulletin.tls.TrustedSockets;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP relay over one Jakarta Mail connection, opened on the first message and reused for
 * every message after it; after a failure it is closed and the next message opens a new one.
 * {@code mail.smtp.sendpartial} is on, so that one refused address does not stop a whole
 * Bcc envelope, and each address gets its own outcome.
 *
 * <p><b>Threads.</b> One thread at a time sends through it (its connection's, under {@link
 * ParallelRelays}); {@link #dataEnded} may be asked from another (a forced quit), hence the
 * volatile transport.
 */
final class SmtpRelay implements Relay {

    private static final Logger log = LoggerFactory.getLogger(SmtpRelay.class);

    private final String name;
    private final RelayProfile profile;
    private final Session session;
    private volatile TrackedSmtpTransport transport;
    private int messagesOnConnection;

    SmtpRelay(String name, RelayProfile profile, String envelopeFrom) {
        this.name = name;
        this.profile = profile;
        this.session = Session.getInstance(properties(profile, envelopeFrom));
    }

    static Properties properties(RelayProfile profile, String envelopeFrom) {
        Properties props = new Properties();
        props.put("mail.transport.protocol", profile.security() == Security.SSL ? "smtps" : "smtp");
        String prefix = profile.security() == Security.SSL ? "mail.smtps." : "mail.smtp.";
        props.put(prefix + "host", profile.host());
        props.put(prefix + "port", String.valueOf(profile.port()));
        props.put(prefix + "from", envelopeFrom);
        props.put(prefix + "sendpartial", "true");
        props.put(prefix + "auth", String.valueOf(profile.hasCredentials()));
        // Jakarta Mail waits forever by default.
        props.put(prefix + "connectiontimeout", String.valueOf(profile.connectTimeout().toMillis()));
        props.put(prefix + "timeout", String.valueOf(profile.readTimeout().toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(profile.writeTimeout().toMillis()));
        props.put(prefix + "ssl.checkserveridentity", "true");
        if (profile.smtputf8()) {
            props.put("mail.mime.allowutf8", "true");
        }
        switch (profile.security()) {
            case STARTTLS -> {
                props.put(prefix + "starttls.enable", "true");
                props.put(prefix + "starttls.required", "true");
                props.put(prefix + "socketFactory", new NoDelaySocketFactory());
            }
            case SSL -> props.put(prefix + "ssl.enable", "true");
            case NONE -> props.put(prefix + "socketFactory", new NoDelaySocketFactory());
        }
        if (profile.trustCertificate() != null && profile.security() != Security.NONE) {
            try {
                props.put(prefix + "ssl.socketFactory", TrustedSockets.trusting(profile.trustCertificate()));
            } catch (CertificateProblem e) {
                throw new RelayConfigurationException(e.sentence());
            }
        }
        return props;
    }

    @Override
    public boolean smtpUtf8() {
        return profile.smtputf8();
    }

    @Override
    public String description() {
        return name + " " + profile.describe();
    }

    /** Connects and logs in as a send would, then quits: nothing is sent. */
    Sentence handshake() {
        TrackedSmtpTransport connected = connected();
        String greeting = lastReply(connected);
        Sentence pipelining = Sentence.of(!connected.supportsExtension("PIPELINING") ? "relay.pipelining-none"
                : profile.pipelining() ? "relay.pipelining" : "relay.pipelining-off", name);
        close();
        return Sentence.of("relay.handshake", description(), Sentence.of(profile.security() == Security.NONE
                ? (profile.hasCredentials() ? "relay.handshake.login" : "relay.handshake.no-login")
                : (profile.hasCredentials() ? "relay.handshake.tls-login" : "relay.handshake.tls-no-login")), greeting, pipelining);
    }

    @Override
    public boolean dataEnded() {
        TrackedSmtpTransport current = transport;
        return current != null && current.dataEnding();
    }

    @Override
    public DeliveryReport send(ComposedMessage composed, List<String> envelope, SendJournal journal) {
        RawMessage message = new RawMessage(session, composed);
        InternetAddress[] recipients = addresses(envelope);
        boolean reused = transport != null;
        Consumer<List<String>> beforeBody = narrowing(envelope, recipients, journal);
        try {
            return attempt(message, envelope, recipients, beforeBody);
        } catch (RelayException e) {
            if (!reused || e.kind() != RelayException.Kind.LOST) {
                throw e;
            }
            // A reused connection that the server had closed in the meantime (idle timeout,
            // a cap on messages per connection) fails before anything is sent: one fresh try.
            return attempt(message, envelope, recipients, beforeBody);
        }
    }

    /**
     * Tells the journal, before the body leaves, when the relay accepted fewer addresses than the
     * envelope: only those can receive it. An accepted address the envelope does not spell so
     * (never expected) narrows nothing: in doubt too many, never too few.
     */
    private static Consumer<List<String>> narrowing(List<String> envelope, InternetAddress[] recipients,
                                                    SendJournal journal) {
        if (journal == SendJournal.NONE) {
            return accepted -> { };
        }
        return accepted -> {
            if (accepted.size() >= envelope.size()) {
                return;
            }
            Map<String, String> spelled = new HashMap<>();
            for (int i = 0; i < recipients.length; i++) {
                spelled.put(recipients[i].getAddress(), envelope.get(i));
            }
            List<String> taken = accepted.stream().map(spelled::get).toList();
            if (!taken.contains(null)) {
                journal.bodyFollows(taken);
            }
        };
    }

    private DeliveryReport attempt(MimeMessage message, List<String> envelope, InternetAddress[] recipients,
                                   Consumer<List<String>> beforeBody) {
        if (profile.maxMessagesPerConnection() > 0 && messagesOnConnection >= profile.maxMessagesPerConnection()) {
            close();
        }
        TrackedSmtpTransport connected = connected();
        messagesOnConnection++;
        try {
            connected.sendMessage(message, recipients, beforeBody);
            return DeliveryReport.allAccepted(envelope, lastReply(connected));
        } catch (SMTPSendFailedException e) {
            if (nonNull(e.getValidSentAddresses()).length > 0) {
                // Delivered to the accepted addresses; the others were refused at RCPT.
                return report(envelope, recipients, e);
            }
            // MAIL FROM, DATA or the end of data failed: the message went to nobody, unless
            // the server never answered the end of data.
            if (e.getReturnCode() < 0) {
                // No reply: the relay closed the connection, or our reader gave up on it.
                boolean mayHaveLeft = connected.dataEnding();
                close();
                throw lost(mayHaveLeft, e);
            }
            if (e.getReturnCode() == 421) {
                close();
            }
            Sentence what = Sentence.of("relay.answered", description(), reply(e), commandName(e.getCommand()));
            if (e.getReturnCode() == 530 || e.getReturnCode() == 535) {
                // Authentication required or refused: every message would get the same; trying again
                // is how a mailbox gets locked.
                close();
                throw new RelayException(RelayException.Kind.LOGIN, Sentence.of("relay.wants-login", what, name), e);
            }
            throw new RelayException(RelayException.Kind.REFUSED, what, e);
        } catch (SendFailedException e) {
            // Every RCPT was refused: each address has a definite outcome.
            return report(envelope, recipients, e);
        } catch (MessagingException e) {
            // The connection broke or timed out. Before the end of DATA nothing was delivered;
            // after it, the relay may have taken the message.
            boolean mayHaveLeft = connected.dataEnding();
            close();
            throw lost(mayHaveLeft, e);
        }
    }

    /** The connection broke mid-transaction: before the end of the message nobody got it, after it the relay may have. */
    private RelayException lost(boolean mayHaveLeft, MessagingException e) {
        return new RelayException(mayHaveLeft ? RelayException.Kind.MAY_HAVE_LEFT : RelayException.Kind.LOST,
                Sentence.of(mayHaveLeft ? "relay.lost-at-end" : "relay.lost", description(), BrokenConnection.why(e)), e);
    }

    /** The relay's own reply to the command that failed (Angus keeps it as the exception's text: the server's words). */
    private static String reply(SMTPSendFailedException e) {
        return e.getMessage() == null ? "" : e.getMessage().strip();
    }

    private static Object commandName(String command) {
        if (command == null) {
            return Sentence.of("relay.the-message");
        }
        if (command.equals(".")) {
            return Sentence.of("relay.the-end");
        }
        int colon = command.indexOf(':');
        return colon > 0 ? command.substring(0, colon) : command;
    }

    @Override
    public void connect() {
        connected();
    }

    /**
     * Where this relay's credentials come from, by the names the operator wrote them under (the
     * shipped profiles read the setup card's variables), and what its provider says of a refusal.
     */
    private Sentence credentialsAdvice() {
        String host = profile.host().toLowerCase(Locale.ROOT);
        if (profile.isMailjet()) {
            return Sentence.of("relay.advice.mailjet", name, name.equals("mailjet")
                    ? Sentence.of("relay.names.mailjet") : Sentence.of("relay.names.own", name));
        }
        Sentence names = name.equals("mailbox") ? Sentence.of("relay.names.mailbox") : Sentence.of("relay.names.own", name);
        if (host.endsWith(".ovh.net")) {
            return Sentence.of("relay.advice.ovh", name, names);
        }
        return Sentence.of("relay.advice", name, names);
    }

    // Transport.isConnected() costs a NOOP round trip per message: the connection is trusted
    // until a send fails, and a failure closes it.
    private TrackedSmtpTransport connected() {
        if (transport != null) {
            return transport;
        }
        // Built directly: Session.getTransport() only instantiates registered providers.
        URLName url = new URLName(profile.security() == Security.SSL ? "smtps" : "smtp", profile.host(),
                profile.port(), null, null, null);
        TrackedSmtpTransport opening = profile.security() == Security.SSL
                ? new TrackedSmtpTransport.Implicit(session, url, profile.pipelining())
                : new TrackedSmtpTransport(session, url, profile.pipelining());
        try {
            if (profile.hasCredentials()) {
                opening.connect(profile.host(), profile.port(), profile.username(), profile.password());
            } else {
                opening.connect();
            }
        } catch (AuthenticationFailedException e) {
            throw new RelayException(RelayException.Kind.LOGIN, Sentence.of("relay.credentials-refused", description(),
                    lastReply(opening, "authentication failed"), credentialsAdvice()), null);
        } catch (MessagingException e) {
            throw noSession(opening, e);
        }
        transport = opening;
        messagesOnConnection = 0;
        logPipelining(transport);
        return transport;
    }

    /**
     * Why no session could be had, told by what happened — the exception's type, the relay's last
     * reply, what its EHLO offered — never by the words of Angus's exception.
     */
    private RelayException noSession(TrackedSmtpTransport opening, MessagingException e) {
        SSLException tls = Causes.find(e, SSLException.class);
        if (tls != null) {
            return new RelayException(RelayException.Kind.SETUP, Sentence.of("relay.tls-failed", description(),
                    TlsFailure.describe(tls, "relay"), name), null);
        }
        if (Causes.find(e, UnknownHostException.class) != null) {
            return unreachable(Sentence.of("relay.unknown-host", description(), profile.host()), e);
        }
        if (Causes.find(e, java.net.ConnectException.class) != null) {
            return unreachable(Sentence.of("relay.connection-refused", description()), e);
        }
        if (Causes.find(e, SocketTimeoutException.class) != null) {
            if (profile.security() != Security.SSL && Causes.find(e, MailConnectException.class) == null) {
                // Connected, but no greeting: a port that speaks TLS at once waits for us to start it.
                return new RelayException(RelayException.Kind.SETUP, Sentence.of("relay.no-greeting", description(),
                        profile.readTimeout().toSeconds(), profile.port(), name), e);
            }
            return unreachable(Sentence.of("relay.no-answer", description(), profile.connectTimeout().toSeconds()), e);
        }
        int code = opening.getLastReturnCode();
        if (code >= 400) {
            // The relay refused the session itself: its greeting, or its answer to EHLO and HELO ("421 … not available").
            return unreachable(Sentence.of("relay.session-refused", description(), lastReply(opening, String.valueOf(code))), e);
        }
        if (code == 250 && profile.security() == Security.STARTTLS && !opening.supportsExtension("STARTTLS")) {
            // EHLO answered without STARTTLS, which this profile requires.
            return new RelayException(RelayException.Kind.SETUP, Sentence.of("relay.no-starttls", description(), name), null);
        }
        return unreachable(Sentence.of("relay.cannot-connect", description(), BrokenConnection.why(e)), e);
    }

    private static RelayException unreachable(Sentence sentence, Throwable cause) {
        return new RelayException(RelayException.Kind.UNREACHABLE, sentence, cause);
    }

    private static String lastReply(SMTPTransport transport, String otherwise) {
        String reply = transport.getLastServerResponse();
        return reply == null || reply.isBlank() ? otherwise : reply.strip();
    }

    /** Relays whose pipelining was logged: once per relay and process, not once per connection. */
    private static final Set<String> PIPELINING_LOGGED = ConcurrentHashMap.newKeySet();

    private void logPipelining(TrackedSmtpTransport connected) {
        if (PIPELINING_LOGGED.add(description())) {
            String key = !connected.supportsExtension("PIPELINING") ? "log.pipelining-none"
                    : profile.pipelining() ? "log.pipelining" : "log.pipelining-off";
            log.info(TerminalWords.key(key), "Relay {}: {}", description(), pipelining(connected), name);
        }
    }

    private String pipelining(TrackedSmtpTransport connected) {
        if (!connected.supportsExtension("PIPELINING")) {
            return "does not advertise PIPELINING: the commands of a message wait for each other's answer";
        }
        return profile.pipelining() ? "advertises PIPELINING: the commands of a message are written together"
                : "advertises PIPELINING, turned off by bulletin.relays." + name + ".pipelining=false";
    }

    /**
     * Each envelope entry's outcome. Jakarta Mail hands back the very address objects it was given,
     * so they are matched by identity to the entries they were made from: an address it writes
     * differently (spaces trimmed, say) still finds its ledger row.
     */
    private static DeliveryReport report(List<String> envelope, InternetAddress[] recipients, SendFailedException e) {
        Map<Address, String> entries = new IdentityHashMap<>();
        for (int i = 0; i < recipients.length; i++) {
            entries.put(recipients[i], envelope.get(i));
        }
        Function<Address, String> entry = address -> entries.getOrDefault(address, ((InternetAddress) address).getAddress());
        Map<String, String> replies = addressReplies(e, entry);
        String whole = e.getMessage() == null ? "" : e.getMessage().strip();
        Map<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        for (Address address : nonNull(e.getValidSentAddresses())) {
            outcomes.put(entry.apply(address), new RecipientOutcome.Accepted(whole));
        }
        for (Address address : nonNull(e.getInvalidAddresses())) {
            String key = entry.apply(address);
            outcomes.put(key, new RecipientOutcome.Refused(replies.getOrDefault(key, whole)));
        }
        for (Address address : nonNull(e.getValidUnsentAddresses())) {
            String key = entry.apply(address);
            outcomes.put(key, new RecipientOutcome.Deferred(replies.getOrDefault(key, whole)));
        }
        for (String address : envelope) {
            outcomes.putIfAbsent(address, new RecipientOutcome.Deferred(whole));
        }
        return new DeliveryReport(outcomes);
    }

    /** The RCPT reply of each address that failed, from the exception chain. */
    private static Map<String, String> addressReplies(MessagingException e, Function<Address, String> entry) {
        Map<String, String> replies = new HashMap<>();
        Exception next = e;
        int guard = 0;
        while (next instanceof MessagingException messaging && guard++ < 100_000) {
            if (messaging instanceof SMTPAddressFailedException failed) {
                replies.putIfAbsent(entry.apply(failed.getAddress()), failed.getMessage().strip());
            }
            next = messaging.getNextException();
        }
        return replies;
    }

    private static Address[] nonNull(Address[] addresses) {
        return addresses == null ? new Address[0] : addresses;
    }

    private static String lastReply(Transport transport) {
        if (transport instanceof SMTPTransport smtp && smtp.getLastServerResponse() != null) {
            return smtp.getLastServerResponse().strip();
        }
        return "250";
    }

    private static InternetAddress[] addresses(List<String> envelope) {
        InternetAddress[] recipients = new InternetAddress[envelope.size()];
        for (int i = 0; i < recipients.length; i++) {
            try {
                recipients[i] = new InternetAddress(envelope.get(i), true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("not an envelope address: " + envelope.get(i), e);
            }
        }
        return recipients;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a broken connection: nothing more to do
            }
            transport = null;
        }
    }
}
