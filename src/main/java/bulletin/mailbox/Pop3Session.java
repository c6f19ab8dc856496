package bulletin.mailbox;

import bulletin.text.Sentence;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Message;

/**
 * A POP3 mailbox: messages named by their UIDL. POP3 has no folders and no read mark: what
 * Bulletin acted on is deleted when the session ends, and only with {@code delete-processed}.
 */
final class Pop3Session implements MailboxSession {

    private final String name;
    private final MailboxProfile profile;
    private final Store store;
    private POP3Folder inbox;

    Pop3Session(String name, MailboxProfile profile, Store store) {
        this.name = name;
        this.profile = profile;
        this.store = store;
    }

    @Override
    public List<Incoming> messages() {
        try {
            inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(profile.deleteProcessed() ? Folder.READ_WRITE : Folder.READ_ONLY);
            Message[] all = inbox.getMessages();
            int[] sizes = inbox.getSizes(); // LIST: the sizes without loading a header (which may RETR, marking it read)
            List<Incoming> messages = new ArrayList<>(all.length);
            for (int i = 0; i < all.length; i++) {
                Message message = all[i];
                String key = "pop3:" + inbox.getUID(message);
                String tooLarge = MessageLimits.size(i < sizes.length ? sizes[i] : 0); // nothing fetched yet
                if (tooLarge != null) {
                    // Its headers only (TOP 0), to name it: Angus' own header loading may RETR it, marking it read.
                    messages.add(new Incoming(key, headersOnly((POP3Message) message), message, tooLarge));
                    continue;
                }
                byte[] text = fetch((POP3Message) message, Integer.MAX_VALUE);
                // Parsing a MimeMessage reads its headers only: one past a limit is still named by them.
                MimeMessage parsed = new MimeMessage(null, new ByteArrayInputStream(text));
                messages.add(new Incoming(key, parsed, message, MessageLimits.structure(text)));
            }
            return messages;
        } catch (MessagingException e) {
            throw new MailboxException(Sentence.of("mailbox.cannot-read", name, e.getMessage()), e);
        }
    }

    /**
     * The whole message fetched with TOP rather than RETR: servers (Dovecot, GreenMail) mark a
     * RETR'd message read for their IMAP clients, and what Bulletin leaves alone must stay unread.
     */
    private static MimeMessage headersOnly(POP3Message message) throws MessagingException {
        return new MimeMessage(null, new ByteArrayInputStream(fetch(message, 0)));
    }

    private static byte[] fetch(POP3Message message, int lines) throws MessagingException {
        try (InputStream in = message.top(lines)) {
            return in.readNBytes(MessageLimits.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new MessagingException("cannot fetch a message", e);
        }
    }

    @Override
    public String setAside(Incoming message) {
        if (!profile.deleteProcessed()) {
            return "left in place (POP3; bulletin.mailboxes." + name + ".delete-processed is off)";
        }
        try {
            message.original().setFlag(Flags.Flag.DELETED, true);
            return "deleted";
        } catch (MessagingException e) {
            throw new MailboxException(Sentence.of("mailbox.cannot-delete", name, e.getMessage()), e);
        }
    }

    @Override
    public String appendToSent(MimeMessage message) {
        throw new MailboxException(Sentence.of("mailbox.pop3-no-sent", name), null);
    }

    @Override
    public List<Stored> folder(String folder) {
        throw new MailboxException(Sentence.of("mailbox.pop3-no-folders", name), null);
    }

    @Override
    public boolean move(String from, String messageId, String to) {
        throw new MailboxException(Sentence.of("mailbox.pop3-no-folders", name), null);
    }

    @Override
    public void close() {
        try {
            if (inbox != null && inbox.isOpen()) {
                inbox.close(profile.deleteProcessed()); // deletions happen here, at QUIT
            }
        } catch (MessagingException ignored) {
            // closing: nothing left to keep
        }
        try {
            store.close();
        } catch (MessagingException ignored) {
            // closing: nothing left to keep
        }
    }
}
