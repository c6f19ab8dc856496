package bulletin.mailbox;

import bulletin.problem.Causes;
import bulletin.text.Sentence;
import bulletin.tls.CertificateProblem;
import bulletin.tls.Security;
import bulletin.tls.TlsFailure;
import bulletin.tls.TrustedSockets;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.springframework.stereotype.Component;

/** The configured mailboxes: checked before use, opened for one read. */
@Component
public class Mailboxes {

    private final MailboxProfiles profiles;

    Mailboxes(MailboxProfiles profiles) {
        this.profiles = profiles;
    }

    /** Fails, saying what to do, when the named mailbox is not defined or cannot work as written. */
    public void check(String name) {
        MailboxProfile profile = profiles.mailboxes().get(name);
        String prefix = "bulletin.mailboxes." + name;
        if (profile == null) {
            throw new MailboxConfigurationException(Sentence.of("mailbox.undefined", name, profiles.names().isEmpty()
                    ? Sentence.of("mailbox.none") : String.join(", ", profiles.names()), name.toUpperCase(Locale.ROOT)));
        }
        if (profile.host() == null || profile.host().isBlank()) {
            throw new MailboxConfigurationException(Sentence.of("mailbox.no-host", name));
        }
        if (!profile.hasCredentials() || profile.password() == null || profile.password().isBlank()) {
            throw new MailboxConfigurationException(Sentence.of("mailbox.no-credentials", name));
        }
        if (profile.security() == Security.NONE) {
            throw new MailboxConfigurationException(Sentence.of("mailbox.clear", name));
        }
        if (profile.security() == Security.STARTTLS && (profile.port() == 993 || profile.port() == 995)) {
            throw new MailboxConfigurationException(Sentence.of("mailbox.starttls-tls-port", name, profile.port()));
        }
        if (profile.trustCertificate() != null) {
            try {
                TrustedSockets.check(profile.trustCertificate(), Sentence.of("tls.owner.mailbox", name),
                        prefix + ".trust-certificate");
            } catch (CertificateProblem e) {
                throw new MailboxConfigurationException(e.sentence());
            }
        }
    }

    public MailboxProfile profile(String name) {
        check(name);
        return profiles.mailboxes().get(name);
    }

    /** Connects and logs in; the caller closes the session. */
    public MailboxSession open(String name) {
        MailboxProfile profile = profile(name);
        Session session = Session.getInstance(properties(profile));
        try {
            Store store = session.getStore(profile.storeProtocol());
            store.connect(profile.host(), profile.port(), profile.username(), profile.password());
            return profile.protocol() == MailboxProfile.Protocol.IMAP
                    ? new ImapSession(name, profile, store) : new Pop3Session(name, profile, store);
        } catch (AuthenticationFailedException e) {
            throw new MailboxException(Sentence.of("mailbox.login-refused", name, profile.describe(), profile.username()), e);
        } catch (MessagingException e) {
            SSLException tls = Causes.find(e, SSLException.class);
            Sentence why = tls != null ? TlsFailure.describe(tls, "mailbox")
                    : Sentence.of("text", String.valueOf(e.getMessage()).strip());
            throw new MailboxException(Sentence.of("mailbox.unreachable", name, profile.describe(), why), e);
        }
    }

    static Properties properties(MailboxProfile profile) {
        String protocol = profile.storeProtocol();
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.store.protocol", protocol);
        props.put(prefix + "host", profile.host());
        props.put(prefix + "port", String.valueOf(profile.port()));
        // Jakarta Mail waits forever by default.
        props.put(prefix + "connectiontimeout", String.valueOf(profile.connectTimeout().toMillis()));
        props.put(prefix + "timeout", String.valueOf(profile.readTimeout().toMillis()));
        props.put(prefix + "ssl.checkserveridentity", "true");
        // Reading a message must not mark it read: what Bulletin leaves alone stays unread for people.
        props.put(prefix + "peek", "true");
        if (profile.security() == Security.SSL) {
            props.put(prefix + "ssl.enable", "true");
        } else {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        if (profile.trustCertificate() != null) {
            props.put(prefix + "ssl.socketFactory", TrustedSockets.trusting(profile.trustCertificate()));
        }
        return props;
    }
}
