package bulletin.audit;

/**
 * What a run's render step froze, so that every message of the run — and of its restarts — is
 * the same. In Bcc mode subject and bodies are rendered; in personal mode {@code subject} is the
 * subject template and {@code templates} the template files, rendered again per recipient.
 *
 * @param mode            BCC or PERSONAL
 * @param listName        the List-Id phrase
 * @param listId          the List-Id identifier
 * @param unsubscribeMail the List-Unsubscribe mailto address, or null
 * @param unsubscribeUrl  the https unsubscribe URL (rendered in Bcc mode, a template in personal mode), or null
 * @param attachments     attached files, encoded with {@link Fields}
 * @param variables       campaign-level variables, encoded with {@link Fields}
 * @param templates       template files by name, encoded with {@link Fields}; personal mode only
 */
public record RunContent(String mode, String subject, String html, String text, String listName, String listId,
                         String unsubscribeMail, String unsubscribeUrl, String attachments, String variables,
                         String templates) {
}
