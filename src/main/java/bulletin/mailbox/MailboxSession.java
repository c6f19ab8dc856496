package bulletin.mailbox;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;

/**
 * One read of a mailbox. Reading never marks a message read; only what Bulletin acted on is moved
 * (IMAP) or, when configured, deleted (POP3).
 */
public interface MailboxSession extends AutoCloseable {

    /**
     * A message of the inbox, named for good by {@code key}: {@code imap:UIDVALIDITY:UID}, or
     * {@code pop3:UIDL}, so that a message seen twice is known as the same one.
     *
     * @param message  what is read (over POP3 a copy fetched with TOP, which does not mark it read); past a
     *                 limit, only its headers are looked at, to name it
     * @param original the server's message, which is moved or deleted
     * @param unreadable why the message was not read at all (past a limit of {@link MessageLimits}), else null
     */
    record Incoming(String key, MimeMessage message, Message original, String unreadable) {
        public Incoming(String key, MimeMessage message, Message original) {
            this(key, message, original, null);
        }
    }

    /** The inbox's messages, oldest first; their content is fetched when read. */
    List<Incoming> messages();

    /**
     * Takes a message Bulletin acted on out of the inbox: moved to the processed folder (IMAP),
     * deleted at the end of the session when configured (POP3), otherwise left in place.
     *
     * @return where it went, for the report: "moved to Bulletin/Traités", "deleted", "left in place"
     */
    String setAside(Incoming message);

    /** Appends a copy of a message sent to the Sent folder, marked read (IMAP only). */
    String appendToSent(MimeMessage message);

    /**
     * A message of one of the association's own folders, as its raw bytes.
     *
     * @param messageId its Message-ID, which names it in the folder (null when it has none)
     * @param raw       its bytes, or null when it is past {@link MessageLimits} (then {@code tooLarge} says why)
     */
    record Stored(String messageId, String subject, Instant date, byte[] raw, String tooLarge) {
    }

    /** The messages of a folder, oldest first, read without marking them; the folder is created when missing (IMAP only). */
    List<Stored> folder(String folder);

    /**
     * Moves the message with this Message-ID from one folder to another, created when missing (IMAP only).
     *
     * @return false when no such message is there any more
     */
    boolean move(String from, String messageId, String to);

    @Override
    void close();
}
