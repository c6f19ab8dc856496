package bulletin.ledger;

import bulletin.message.AddressingMode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's render step froze, so that every message of the run — and of its restarts — is
 * the same. In Bcc mode subject and bodies are rendered; in personal mode {@code subject} is the
 * subject template and {@code templates} the template files, rendered again per recipient.
 *
 * @param mode            one message per envelope, or one per recipient
 * @param listName        the List-Id phrase
 * @param listId          the List-Id identifier
 * @param unsubscribeMail the List-Unsubscribe mailto address, or null
 * @param unsubscribeUrl  the https unsubscribe URL (rendered in Bcc mode, a template in personal mode), or null
 * @param attachments     attached files
 * @param variables       campaign-level variables
 * @param templates       template files by name; personal mode only, empty in Bcc mode
 */
public record RunContent(AddressingMode mode, String subject, String html, String text, String listName, String listId,
                         String unsubscribeMail, String unsubscribeUrl, List<Path> attachments, Map<String, String> variables,
                         Map<String, String> templates) {

    public RunContent {
        attachments = List.copyOf(attachments);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    }
}
