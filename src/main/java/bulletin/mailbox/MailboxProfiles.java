package bulletin.mailbox;

import jakarta.validation.Valid;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The mailbox profiles, {@code bulletin.mailboxes.NAME.*}; like relays, definable from the
 * environment ({@code BULLETIN_MAILBOXES_NAME_HOST}, …).
 */
@ConfigurationProperties("bulletin")
@Validated
public record MailboxProfiles(Map<String, @Valid MailboxProfile> mailboxes) {

    public MailboxProfiles {
        mailboxes = mailboxes == null ? Map.of() : Map.copyOf(mailboxes);
    }

    Set<String> names() {
        return new TreeSet<>(mailboxes.keySet());
    }
}
