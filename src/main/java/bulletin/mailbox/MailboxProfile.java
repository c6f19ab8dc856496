package bulletin.mailbox;

import bulletin.tls.Security;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One mailbox Bulletin reads, as configured under {@code bulletin.mailboxes.NAME}: where bounces
 * and unsubscribe requests arrive, and where a copy of each newsletter is kept. The password is
 * kept out of {@link #toString()}.
 *
 * @param inbox           the folder read for feedback
 * @param processedFolder where IMAP messages Bulletin acted on are moved (created when missing)
 * @param deleteProcessed POP3 only: delete the messages Bulletin acted on (POP3 has no folders);
 *                        off by default, so that POP3 leaves everything in place
 * @param authservId      the name the mailbox's own server writes first in its Authentication-Results
 *                        headers: a request by mail whose From it authenticated (DKIM, DMARC) is
 *                        honoured at once; unset, every request is confirmed by the member first
 */
public record MailboxProfile(
        @DefaultValue("imap") Protocol protocol,
        String host,
        @DefaultValue("993") @Min(1) @Max(65535) int port,
        @DefaultValue("ssl") Security security,
        String username,
        String password,
        Path trustCertificate,
        @DefaultValue("INBOX") String inbox,
        @DefaultValue("Bulletin/Traités") String processedFolder,
        @DefaultValue("false") boolean deleteProcessed,
        @DefaultValue("30s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        String authservId) {

    /** How the mailbox is read. */
    public enum Protocol { IMAP, POP3 }

    boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    /** The Jakarta Mail store protocol: imaps/pop3s over implicit TLS. */
    String storeProtocol() {
        String base = protocol.name().toLowerCase(Locale.ROOT);
        return security == Security.SSL ? base + "s" : base;
    }

    /** host:port, protocol and security only: no user name, no password. */
    public String describe() {
        return protocol.name().toLowerCase(Locale.ROOT) + " " + host + ":" + port + " ("
                + security.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        return "MailboxProfile[" + describe() + (hasCredentials() ? ", with credentials" : "") + "]";
    }
}
