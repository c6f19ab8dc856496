package bulletin.mailbox;

import bulletin.text.Ascii;
import bulletin.text.Sentence;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

/** An IMAP mailbox: messages named by UIDVALIDITY and UID, set aside by a move. */
final class ImapSession implements MailboxSession {

    /** Sent folders by name, when the server does not mark one \Sent (RFC 6154). */
    private static final Set<String> SENT_NAMES = Set.of("sent", "sent items", "sent messages", "elements envoyes",
            "envoyes", "messages envoyes");

    private final String name;
    private final MailboxProfile profile;
    private final Store store;
    private IMAPFolder inbox;
    private Folder processed;

    ImapSession(String name, MailboxProfile profile, Store store) {
        this.name = name;
        this.profile = profile;
        this.store = store;
    }

    @Override
    public List<Incoming> messages() {
        try {
            inbox = (IMAPFolder) store.getFolder(profile.inbox());
            inbox.open(Folder.READ_WRITE);
            Message[] all = inbox.getMessages();
            FetchProfile uids = new FetchProfile();
            uids.add(UIDFolder.FetchProfileItem.UID);
            uids.add(FetchProfile.Item.SIZE);
            inbox.fetch(all, uids);
            long validity = inbox.getUIDValidity();
            Map<Long, MimeMessage> raw = rawMessages(all);
            List<Incoming> messages = new ArrayList<>(all.length);
            for (Message message : all) {
                long uid = inbox.getUID(message);
                String key = "imap:" + validity + ":" + uid;
                String tooMuch = MessageLimits.size(message.getSize());
                MimeMessage parsed = raw.get(uid);
                if (tooMuch == null && parsed == null) {
                    tooMuch = "the server did not return it whole";
                } else if (tooMuch == null) {
                    tooMuch = limits.get(uid);
                }
                // Past a limit, it is named by its headers (parsed only: the body is never looked at).
                messages.add(new Incoming(key, parsed != null ? parsed : (MimeMessage) message, message, tooMuch));
            }
            return messages;
        } catch (MessagingException e) {
            throw new MailboxException(Sentence.of("mailbox.cannot-read-folder", profile.inbox(), name, e.getMessage()), e);
        }
    }

    /** Messages fetched whole per command: a read costs a few round trips, not several per message. */
    private static final int FETCH_BATCH = 50;
    /** At most this many bytes fetched per command. */
    private static final long FETCH_BYTES = 20L * 1024 * 1024;
    /** Why a fetched message was not parsed (past a limit of {@link MessageLimits}), by UID. */
    private final Map<Long, String> limits = new HashMap<>();

    /**
     * Every message as its raw text ({@code UID FETCH … BODY.PEEK[]}, which marks nothing read),
     * parsed here: no ENVELOPE or BODYSTRUCTURE is asked of the server, so a header it cannot
     * express (Dovecot's NIL parts for {@code From: MAILER-DAEMON <>}) stops nothing. A message
     * past {@link MessageLimits} is not fetched (too large) or not parsed (too many parts).
     */
    private Map<Long, MimeMessage> rawMessages(Message[] all) throws MessagingException {
        Map<Long, MimeMessage> raw = new HashMap<>();
        limits.clear(); // this read's findings only
        Session parsing = Session.getInstance(new Properties());
        List<List<Long>> batches = new ArrayList<>();
        List<Long> batch = new ArrayList<>();
        long bytes = 0;
        for (Message message : all) {
            if (MessageLimits.size(message.getSize()) != null) {
                continue;
            }
            if (batch.size() == FETCH_BATCH || bytes + message.getSize() > FETCH_BYTES && !batch.isEmpty()) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(inbox.getUID(message));
            bytes += message.getSize();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        for (List<Long> uids : batches) {
            StringBuilder set = new StringBuilder();
            for (long uid : uids) {
                set.append(set.length() == 0 ? "" : ",").append(uid);
            }
            Response[] responses = (Response[]) inbox.doCommand(protocol -> {
                Response[] answer = protocol.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
                protocol.notifyResponseHandlers(answer);
                protocol.handleResult(answer[answer.length - 1]);
                return answer;
            });
            for (Response response : responses) {
                if (response instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    BODY body = fetch.getItem(BODY.class);
                    if (uid != null && body != null && body.getByteArrayInputStream() != null) {
                        byte[] text = body.getByteArrayInputStream().readAllBytes();
                        String tooMany = MessageLimits.structure(text);
                        if (tooMany != null) {
                            limits.put(uid.uid, tooMany);
                        }
                        raw.put(uid.uid, new MimeMessage(parsing, new ByteArrayInputStream(text)));
                    }
                }
            }
        }
        return raw;
    }

    @Override
    public String setAside(Incoming message) {
        try {
            Folder target = processedFolder();
            inbox.moveMessages(new Message[] {message.original()}, target);
            return "moved to " + profile.processedFolder();
        } catch (MessagingException e) {
            throw new MailboxException(Sentence.of("mailbox.cannot-move", name, profile.processedFolder(), e.getMessage()), e);
        }
    }

    private Folder processedFolder() throws MessagingException {
        if (processed == null) {
            char separator = store.getDefaultFolder().getSeparator();
            Folder folder = store.getFolder(profile.processedFolder().replace('/', separator));
            if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("the server refused to create the folder");
            }
            processed = folder;
        }
        return processed;
    }

    @Override
    public String appendToSent(MimeMessage message) {
        try {
            Folder sent = sentFolder();
            message.setFlag(Flags.Flag.SEEN, true);
            sent.appendMessages(new Message[] {message});
            return sent.getFullName();
        } catch (MessagingException e) {
            throw new MailboxException(Sentence.of("mailbox.cannot-keep-copy", name, e.getMessage()), e);
        }
    }

    @Override
    public List<Stored> folder(String path) {
        try {
            Folder folder = ownFolder(path);
            folder.open(Folder.READ_ONLY); // read-only: reading marks nothing, changes nothing
            try {
                List<Stored> stored = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    String tooLarge = MessageLimits.size(message.getSize());
                    String[] ids = message.getHeader("Message-ID");
                    Date date = message.getSentDate();
                    byte[] raw = null;
                    if (tooLarge == null) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        message.writeTo(bytes);
                        raw = bytes.toByteArray();
                    }
                    stored.add(new Stored(ids == null ? null : ids[0].strip(), message.getSubject(),
                            date == null ? null : date.toInstant(), raw, tooLarge));
                }
                return stored;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new MailboxException(Sentence.of("mailbox.cannot-read-folder", path, name, e.getMessage()), e);
        }
    }

    @Override
    public boolean move(String from, String messageId, String to) {
        try {
            Folder source = ownFolder(from);
            Folder target = ownFolder(to);
            source.open(Folder.READ_WRITE);
            try {
                Message[] found = source.search(new MessageIDTerm(messageId));
                if (found.length == 0) {
                    return false;
                }
                ((IMAPFolder) source).moveMessages(found, target);
                return true;
            } finally {
                source.close(false);
            }
        } catch (MessagingException e) {
            throw new MailboxException(Sentence.of("mailbox.cannot-move", name, to, e.getMessage()), e);
        }
    }

    /** A folder by its path as people write it ("Bulletin/À envoyer"), created when missing. */
    private Folder ownFolder(String path) throws MessagingException {
        char separator = store.getDefaultFolder().getSeparator();
        Folder folder = store.getFolder(path.replace('/', separator));
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("the server refused to create the folder " + path);
        }
        return folder;
    }

    /** The folder marked \Sent, else one named as mail programs name it. */
    private Folder sentFolder() throws MessagingException {
        Folder byName = null;
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if (folder instanceof IMAPFolder imap) {
                for (String attribute : imap.getAttributes()) {
                    if (attribute.equalsIgnoreCase("\\Sent")) {
                        return folder;
                    }
                }
            }
            String plain = Ascii.fold(folder.getName()).toLowerCase(Locale.ROOT);
            if (byName == null && SENT_NAMES.contains(plain)) {
                byName = folder;
            }
        }
        if (byName == null) {
            throw new MessagingException("it has no folder marked \\Sent and none named Sent or Éléments envoyés");
        }
        return byName;
    }

    @Override
    public void close() {
        try {
            if (inbox != null && inbox.isOpen()) {
                inbox.close(false); // moves are done already; nothing else is expunged
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
