package bulletin.notify;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who is told what happened, {@code bulletin.notify.*}: nobody unless {@code to} is set.
 *
 * @param to    the addresses told after each run and each feedback read that changed the list (the secretary's)
 * @param relay the relay the notices go through: the association's mailbox by default
 * @param from  the notices' sender; by default the first of {@code to} (the mailbox writes to itself)
 */
@ConfigurationProperties("bulletin.notify")
public record NotifySettings(@DefaultValue List<String> to, @DefaultValue("mailbox") String relay, String from) {
}
