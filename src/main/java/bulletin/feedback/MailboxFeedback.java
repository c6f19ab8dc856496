package bulletin.feedback;

import bulletin.mailbox.MailboxSession;
import bulletin.mailbox.Mailboxes;
import bulletin.ledger.LedgerFeedback;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads what is new in a mailbox once: bounces suppress (or count), unsubscribe requests
 * suppress their sender, auto-replies and everything else are left alone, untouched and unread.
 * Each message is acted on in one transaction, then set aside; a message seen before is never
 * counted again, and one whose effect was committed by a read that stopped before setting it
 * aside is only set aside.
 */
@Service
public class MailboxFeedback {

    private static final Logger log = LoggerFactory.getLogger(MailboxFeedback.class);

    private final Mailboxes mailboxes;
    private final FeedbackStore store;
    private final FeedbackActions actions;
    private final LedgerFeedback ledger;
    private final TransactionTemplate transaction;
    private final UnsubscribeConfirmation confirmation;

    MailboxFeedback(Mailboxes mailboxes, FeedbackStore store, FeedbackActions actions, LedgerFeedback ledger,
                    PlatformTransactionManager transactions, UnsubscribeConfirmation confirmation) {
        this.mailboxes = mailboxes;
        this.store = store;
        this.actions = actions;
        this.ledger = ledger;
        this.transaction = new TransactionTemplate(transactions);
        this.confirmation = confirmation;
    }

    /** Opens the mailbox, reads it once, closes it. */
    public FeedbackReport read(String mailbox, boolean dryRun) {
        try (MailboxSession session = mailboxes.open(mailbox)) {
            return read(mailbox, session, dryRun);
        }
    }

    /** Reads an open session: the tests give one that fails where a crash would strike. */
    FeedbackReport read(String mailbox, MailboxSession session, boolean dryRun) {
        FeedbackReport report = new FeedbackReport("Mailbox '" + mailbox + "'", dryRun);
        Set<String> unsubscribeAddresses = ledger.unsubscribeAddresses();
        String source = "mailbox '" + mailbox + "'";
        for (MailboxSession.Incoming incoming : session.messages()) {
            Optional<FeedbackStore.State> seen = store.state(mailbox, incoming.key());
            if (seen.isPresent()) {
                if (seen.get() == FeedbackStore.State.APPLIED && !dryRun) {
                    // Acted on by a read that stopped before setting it aside: set aside only, never counted again.
                    session.setAside(incoming);
                    store.setAside(mailbox, incoming.key());
                    report.finished();
                } else if (seen.get() == FeedbackStore.State.SET_ASIDE && !dryRun) {
                    // Still here: a POP3 session that ended before its deletions (QUIT), or a move the server lost.
                    session.setAside(incoming);
                }
                continue;
            }
            Reading reading = classifyOrLeave(mailbox, incoming.message(), unsubscribeAddresses);
            if (reading.kind().equals("UNREADABLE")) {
                // Named once, with what names it in the mailbox; left unread there for people; the read is not complete.
                String which = origin(incoming, reading) + describe(incoming);
                log.warn("Mailbox '{}': {} could not be read ({}); it is left in the inbox, unread", mailbox, which,
                        reading.detail());
                report.unreadable(which + ": " + reading.detail());
                if (!dryRun) {
                    store.record(mailbox, incoming.key(), null, reading.kind(), reading.detail(), FeedbackStore.State.LEFT);
                }
                continue;
            }
            if (reading.actions().isEmpty()) {
                report.leftAlone(reading.kind());
                if (!dryRun) {
                    store.record(mailbox, incoming.key(), reading.messageId(), reading.kind(), reading.detail(),
                            FeedbackStore.State.LEFT);
                }
                continue;
            }
            if (dryRun) {
                report.wouldApply(reading.detail());
                continue;
            }
            boolean copy = store.appliedElsewhere(reading.messageId());
            List<FeedbackActions.Done> done = transaction.execute(status -> {
                List<FeedbackActions.Done> results = new ArrayList<>();
                if (!copy) {
                    for (Action action : reading.actions()) {
                        results.add(action.apply().apply(source));
                    }
                }
                store.record(mailbox, incoming.key(), reading.messageId(), reading.kind(), reading.detail(),
                        FeedbackStore.State.APPLIED);
                return results;
            });
            report.applied(copy ? List.of(new FeedbackActions.Done("", "a copy of a message read before:"
                    + " not counted again", false)) : done, origin(incoming, reading));
            session.setAside(incoming);
            store.setAside(mailbox, incoming.key());
            report.setAside();
            if (!copy && reading.kind().equals("UNSUBSCRIBE")) {
                report.note(confirmation.confirm(reading.actions().get(0).address(), reading.answerFrom()));
            }
        }
        return report;
    }

    /** Which message a line came from, so that the operator can find it: its number in the mailbox, its date, its Message-ID. */
    private static String origin(MailboxSession.Incoming incoming, Reading reading) {
        String date;
        try {
            java.util.Date sent = incoming.message().getSentDate();
            if (sent == null && incoming.original() != null) {
                sent = incoming.original().getReceivedDate(); // no Date header: when the mailbox received it
            }
            date = sent == null ? "" : ", " + sent.toInstant().toString().substring(0, 10);
        } catch (MessagingException e) {
            date = "";
        }
        return "message " + incoming.key() + date + (reading.messageId() == null ? "" : " " + reading.messageId());
    }

    /** From and Subject as far as they can be read, for a message that cannot be read otherwise. */
    private static String describe(MailboxSession.Incoming incoming) {
        try {
            return ", from " + incoming.message().getHeader("From", ",") + ", \""
                    + MessageText.utf8(incoming.message().getHeader("Subject", " ")) + "\"";
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    /** One thing to do for one address, applied in the message's transaction with the source's name. */
    private record Action(String address, Function<String, FeedbackActions.Done> apply) {
    }

    /** @param answerFrom for a request: the address it was sent to, which a confirmation comes from */
    private record Reading(String kind, String detail, String messageId, List<Action> actions, String answerFrom) {
        Reading(String kind, String detail, String messageId, List<Action> actions) {
            this(kind, detail, messageId, actions, null);
        }
    }

    /** An abuse report: each member it names whom Bulletin mailed is suppressed as COMPLAINED. */
    private Reading complaint(ComplaintReader.Complaint complaint, String messageId, String about) {
        List<Action> todo = new ArrayList<>();
        for (String address : complaint.addresses()) {
            Optional<Long> run = actions.runThatMailed(address, complaint.originalMessageId());
            run.ifPresent(runId -> todo.add(new Action(address, source -> actions.complained(address, runId, source))));
        }
        if (todo.isEmpty()) {
            return new Reading("COMPLAINT_UNNAMED", "a spam complaint (" + complaint.feedbackType() + ") that names no member"
                    + " Bulletin mailed (the provider hid the address): left for people " + about, messageId, List.of());
        }
        return new Reading("COMPLAINT", "a spam complaint (" + complaint.feedbackType() + ") " + about, messageId, todo);
    }

    private Reading classifyOrLeave(String mailbox, MimeMessage message, Set<String> unsubscribeAddresses) {
        try {
            return classify(message, unsubscribeAddresses);
        } catch (MessagingException | IOException e) {
            return new Reading("UNREADABLE", "could not be read: " + e.getMessage(), null, List.of());
        }
    }

    private Reading classify(MimeMessage message, Set<String> unsubscribeAddresses) throws MessagingException, IOException {
        String messageId = message.getMessageID();
        String from = message.getHeader("From", ",");
        String subject = MessageText.utf8(message.getSubject()); // a raw UTF-8 subject, read again as UTF-8
        String about = "from " + from + ", \"" + subject + "\"";
        Optional<ComplaintReader.Complaint> complaint = ComplaintReader.read(message);
        if (complaint.isPresent()) {
            return complaint(complaint.get(), messageId, about);
        }
        Optional<BounceReader.Report> bounce = BounceReader.read(message);
        if (bounce.isPresent()) {
            List<Action> todo = new ArrayList<>();
            List<String> strangers = new ArrayList<>();
            for (Bounce failure : bounce.get().failures()) {
                // The address Bulletin mailed: the final one, or the original one when it was forwarded.
                String address = null;
                Optional<Long> run = Optional.empty();
                for (String name : failure.names()) {
                    run = actions.runThatMailed(name, failure.originalMessageId());
                    if (run.isPresent()) {
                        address = name;
                        break;
                    }
                }
                if (run.isEmpty()) {
                    strangers.add(failure.address());
                    continue;
                }
                String mailed = address;
                long runId = run.get();
                String key = "message " + (messageId != null ? messageId : about);
                todo.add(new Action(mailed, source -> actions.failure(mailed, runId, failure.status(), failure.words(),
                        failure.permanent(), key + " for " + mailed, source)));
            }
            if (todo.isEmpty()) {
                return new Reading("BOUNCE_NOT_OURS", "a bounce (" + bounce.get().format() + ") for "
                        + String.join(", ", strangers) + ", whom Bulletin never mailed: left for people " + about, messageId,
                        List.of());
            }
            return new Reading("BOUNCE", "a bounce (" + bounce.get().format() + ") " + about, messageId, todo);
        }
        if (AutoReplies.is(message)) {
            return new Reading("AUTO_REPLY", "an automatic reply " + about, messageId, List.of());
        }
        Optional<UnsubscribeRequests.Request> leaving = UnsubscribeRequests.read(message, unsubscribeAddresses);
        if (leaving.isPresent()) {
            String address = leaving.get().sender();
            Long run = actions.runThatMailed(address, null).orElse(null);
            return new Reading("UNSUBSCRIBE", "an unsubscribe request " + about, messageId, List.of(new Action(address,
                    source -> actions.unsubscribed(address, run, "asked by mail (\"" + subject + "\")", source))),
                    leaving.get().to());
        }
        return new Reading("OTHER", "not for Bulletin " + about, messageId, List.of());
    }
}
