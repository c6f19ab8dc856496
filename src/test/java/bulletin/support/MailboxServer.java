package bulletin.support;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * A GreenMail IMAP and POP3 server over TLS (imaps, pop3s) on free loopback ports, with one
 * mailbox user. Its certificate is the tests' own, for localhost and 127.0.0.1, so that Bulletin
 * checks it as strictly as a real one (pinned with trust-certificate, host name verified).
 */
public final class MailboxServer implements AutoCloseable {

    public static final String USER = "bureau@amis.example";
    public static final String PASSWORD = "b0ite-aux-lettres";

    private final int imapsPort = SmtpServer.freePort();
    private final int pop3sPort = SmtpServer.freePort();
    private final int imapPort = SmtpServer.freePort();
    private final GreenMail greenMail;
    private final GreenMailUser user;

    public MailboxServer() {
        certificate();
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(imapsPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(pop3sPort, "127.0.0.1", ServerSetup.PROTOCOL_POP3S),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        user = greenMail.setUser(USER, USER, PASSWORD);
    }

    /** The server's certificate, to pin with trust-certificate. */
    public static TestCertificate certificate() {
        return GreenMailTls.certificate();
    }

    public int imapsPort() {
        return imapsPort;
    }

    /** Plain IMAP on loopback, for a test's own TLS front (one that counts the commands, say). */
    public int imapPort() {
        return imapPort;
    }

    public int pop3sPort() {
        return pop3sPort;
    }

    /** Points the mailbox profile {@code bulletin.mailboxes.PROFILE} at this server's IMAP over TLS, its certificate trusted. */
    public void registerImaps(org.springframework.test.context.DynamicPropertyRegistry registry, String profile) {
        String prefix = "bulletin.mailboxes." + profile + ".";
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", this::imapsPort);
        registry.add(prefix + "username", () -> USER);
        registry.add(prefix + "password", () -> PASSWORD);
        registry.add(prefix + "trust-certificate", () -> certificate().pem().toString());
    }

    public void deliver(String raw) {
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves a message in one of the user's folders (created when missing), as a mail client saves a draft there. */
    public void save(String folder, byte[] raw) {
        try {
            MailFolder target = folderOrNull(folder);
            if (target == null) {
                target = greenMail.getManagers().getImapHostManager().createMailbox(user, folder);
            }
            target.appendMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)),
                    new Flags(Flags.Flag.SEEN), new java.util.Date());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes every message of a folder, as the secretary deleting her draft would. */
    public void empty(String folder) {
        try {
            MailFolder target = folderOrNull(folder);
            if (target != null) {
                target.deleteAllMessages();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<StoredMessage> inbox() {
        return folder("INBOX").getMessages();
    }

    /** The messages of a folder by its full name ("INBOX", "Bulletin.Traités"); empty when it does not exist. */
    public List<StoredMessage> folderMessages(String name) {
        MailFolder folder = folderOrNull(name);
        return folder == null ? List.of() : folder.getMessages();
    }

    public List<String> folders() {
        ImapHostManager manager = greenMail.getManagers().getImapHostManager();
        try {
            return manager.listMailboxes(user, "*").stream().map(MailFolder::getFullName).sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a folder of the user's, e.g. a Sent folder. */
    public void createFolder(String name) {
        try {
            greenMail.getManagers().getImapHostManager().createMailbox(user, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isRead(StoredMessage message) {
        return message.getFlags().contains(Flags.Flag.SEEN);
    }

    private MailFolder folder(String name) {
        MailFolder folder = folderOrNull(name);
        if (folder == null) {
            throw new IllegalStateException("no folder " + name + "; there are " + folders());
        }
        return folder;
    }

    private MailFolder folderOrNull(String name) {
        try {
            return greenMail.getManagers().getImapHostManager().getFolder(user, name);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
