package bulletin.mailbox;

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
            List<Incoming> messages = new ArrayList<>(all.length);
            for (Message message : all) {
                messages.add(new Incoming("pop3:" + inbox.getUID(message), readable((POP3Message) message), message));
            }
            return messages;
        } catch (MessagingException e) {
            throw new MailboxException("cannot read mailbox '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * The whole message fetched with TOP rather than RETR: servers (Dovecot, GreenMail) mark a
     * RETR'd message read for their IMAP clients, and what Bulletin leaves alone must stay unread.
     */
    private static MimeMessage readable(POP3Message message) throws MessagingException {
        try (InputStream in = message.top(Integer.MAX_VALUE)) {
            return new MimeMessage(null, new ByteArrayInputStream(in.readAllBytes()));
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
            throw new MailboxException("cannot delete a message of mailbox '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String appendToSent(MimeMessage message) {
        throw new MailboxException("mailbox '" + name + "' is read over POP3, which has no Sent folder: a copy needs IMAP",
                null);
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
