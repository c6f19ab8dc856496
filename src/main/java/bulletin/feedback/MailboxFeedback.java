package bulletin.feedback;

import bulletin.audience.SuppressionList;
import bulletin.ledger.LedgerFeedback;
import bulletin.mailbox.MailboxSession;
import bulletin.mailbox.Mailboxes;
import bulletin.message.MessageIds;
import bulletin.text.Sentence;
import bulletin.text.TerminalWords;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
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
    private final SuppressionList suppressions;

    MailboxFeedback(Mailboxes mailboxes, FeedbackStore store, FeedbackActions actions, LedgerFeedback ledger,
                    PlatformTransactionManager transactions, UnsubscribeConfirmation confirmation,
                    SuppressionList suppressions) {
        this.mailboxes = mailboxes;
        this.store = store;
        this.actions = actions;
        this.ledger = ledger;
        this.transaction = new TransactionTemplate(transactions);
        this.confirmation = confirmation;
        this.suppressions = suppressions;
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
        String authservId = mailboxes.profile(mailbox).authservId();
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
            Reading reading = incoming.unreadable() != null
                    ? new Reading("UNREADABLE", Sentence.of("text", incoming.unreadable()), null, List.of())
                    : classifyOrLeave(incoming.message(), unsubscribeAddresses, authservId);
            if (reading.kind().equals("UNREADABLE")) {
                // Named once, with what names it in the mailbox; left unread there for people; the read is not complete.
                Sentence which = Sentence.of("feedback.which", origin(incoming, reading), describe(incoming));
                log.warn(TerminalWords.key("log.mailbox-unreadable"), "Mailbox '{}': {} could not be read ({}); it is left in"
                        + " the inbox, unread", mailbox, which, reading.said());
                report.unreadable(Sentence.of("feedback.unreadable-line", which, reading.said()));
                if (!dryRun) {
                    store.record(mailbox, incoming.key(), null, reading.kind(), reading.detail(), FeedbackStore.State.LEFT);
                }
                continue;
            }
            if (reading.ask() != null) {
                asked(mailbox, session, incoming, reading, report, dryRun);
                continue;
            }
            if (reading.actions().isEmpty()) {
                report.leftAlone(reading.kind());
                if (reading.namesMember()) {
                    report.note(Sentence.of("feedback.from-message", reading.said(), origin(incoming, reading)));
                }
                if (!dryRun) {
                    store.record(mailbox, incoming.key(), reading.messageId(), reading.kind(), reading.detail(),
                            FeedbackStore.State.LEFT);
                }
                continue;
            }
            if (dryRun) {
                report.wouldApply(reading.said());
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
            report.applied(copy ? List.of(new FeedbackActions.Done("", Sentence.of("feedback.copy"), false)) : done,
                    origin(incoming, reading));
            session.setAside(incoming);
            store.setAside(mailbox, incoming.key());
            report.setAside();
            if (!copy && reading.kind().equals("UNSUBSCRIBE")) {
                report.note(confirmation.notice(reading.actions().get(0).address(), null, reading.answerFrom()));
            }
        }
        return report;
    }

    /**
     * A request nobody authenticated: the member is asked to confirm it, and the request is set
     * aside. When the confirmation cannot be sent, the request stays in the inbox, unrecorded, so
     * that the next read tries again.
     */
    private void asked(String mailbox, MailboxSession session, MailboxSession.Incoming incoming, Reading reading,
                       FeedbackReport report, boolean dryRun) {
        String address = reading.ask().address();
        if (dryRun) {
            report.wouldApply(Sentence.of("feedback.would-ask", reading.said(), address));
            return;
        }
        UnsubscribeConfirmation.Sent sent = confirmation.ask(address, reading.ask().runId(), reading.answerFrom());
        if (sent.retry()) {
            report.note(Sentence.of("feedback.from-message", Sentence.of("feedback.address-line", address, sent.said()),
                    origin(incoming, reading)));
            return;
        }
        store.record(mailbox, incoming.key(), reading.messageId(), reading.kind(), reading.detail(),
                FeedbackStore.State.APPLIED);
        report.applied(List.of(new FeedbackActions.Done(address, sent.said(), false)), origin(incoming, reading));
        session.setAside(incoming);
        store.setAside(mailbox, incoming.key());
        report.setAside();
    }

    /** Which message a line came from, so that the operator can find it: its number in the mailbox, its date, its Message-ID. */
    private static Sentence origin(MailboxSession.Incoming incoming, Reading reading) {
        String date;
        try {
            Date sent = incoming.message() == null ? null : incoming.message().getSentDate();
            if (sent == null && incoming.original() != null) {
                sent = incoming.original().getReceivedDate(); // no Date header: when the mailbox received it
            }
            date = sent == null ? "" : ", " + sent.toInstant().toString().substring(0, 10);
        } catch (MessagingException | RuntimeException e) {
            date = "";
        }
        return Sentence.of("feedback.origin", incoming.key(), date + (reading.messageId() == null ? "" : " " + reading.messageId()));
    }

    /** From and Subject as far as they can be read, for a message that cannot be read otherwise. */
    private static Object describe(MailboxSession.Incoming incoming) {
        try {
            Part headers = incoming.message() != null ? incoming.message() : incoming.original();
            return Sentence.of("feedback.from-subject", headers.getHeader("From")[0],
                    MessageText.utf8(headers.getHeader("Subject")[0]));
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    /** One thing to do for one address, applied in the message's transaction with the source's name. */
    private record Action(String address, Function<String, FeedbackActions.Done> apply) {
    }

    /** A member to ask whether a request is theirs, and the run that last mailed them. */
    private record Ask(String address, long runId) {
    }

    /**
     * @param answerFrom for a request: the address it was sent to, which a confirmation comes from
     * @param ask        for a request nobody authenticated: whom to ask, else null
     */
    private record Reading(String kind, Sentence said, String messageId, List<Action> actions, String answerFrom, Ask ask) {
        Reading(String kind, Sentence said, String messageId, List<Action> actions) {
            this(kind, said, messageId, actions, null, null);
        }

        Reading(String kind, Sentence said, String messageId, List<Action> actions, String answerFrom) {
            this(kind, said, messageId, actions, answerFrom, null);
        }

        /** What it is, in English, as the feedback store keeps it. */
        String detail() {
            return said.english();
        }

        /** Left alone, but about a member the operator should hear of: a bounce or complaint Bulletin cannot trust. */
        boolean namesMember() {
            return kind.equals("BOUNCE_MISMATCHED") || kind.equals("COMPLAINT_UNVERIFIED")
                    || kind.equals("UNSUBSCRIBE_NOT_OURS") || kind.equals("CONFIRMATION_LATE");
        }
    }

    /**
     * Who a bounce or a complaint is about, traced in the ledger. {@code verified}: it quotes the
     * Message-ID of the message Bulletin sent that address, which only who saw the message knows.
     */
    private record Traced(String address, long runId, boolean verified) {
    }

    /** The first name Bulletin sent one of the quoted messages to, else the first name Bulletin mailed at all. */
    private Optional<Traced> trace(List<String> names, Set<String> quotedIds) {
        for (String name : names) {
            for (String id : quotedIds) {
                Optional<Long> run = actions.runThatSent(name, id);
                if (run.isPresent()) {
                    return Optional.of(new Traced(name, run.get(), true));
                }
            }
        }
        for (String name : names) {
            Optional<Long> run = actions.runThatMailed(name);
            if (run.isPresent()) {
                return Optional.of(new Traced(name, run.get(), false));
            }
        }
        return Optional.empty();
    }

    /** At most this many of Bulletin's Message-IDs are looked up for one message: a real bounce quotes one or two. */
    private static final int QUOTED_IDS = 10;

    /** Bulletin's Message-IDs the message quotes anywhere: an attached copy, quoted headers, References, a decoded text. */
    private static Set<String> quotedIds(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        Set<String> ids = new LinkedHashSet<>(MessageIds.quotedIn(
                raw.toString(StandardCharsets.ISO_8859_1), QUOTED_IDS));
        ids.addAll(MessageIds.quotedIn(MessageText.plain(message), QUOTED_IDS));
        return ids;
    }

    /**
     * An abuse report: each member it names whom Bulletin sent the quoted message is suppressed as
     * COMPLAINED. One that quotes no such message is left for people, the member named.
     */
    private Reading complaint(ComplaintReader.Complaint complaint, Set<String> quotedIds, String messageId,
                              Sentence about) {
        List<Action> todo = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        for (String address : complaint.addresses()) {
            Optional<Traced> traced = trace(List.of(address), quotedIds);
            if (traced.isPresent() && traced.get().verified()) {
                long runId = traced.get().runId();
                todo.add(new Action(address, source -> actions.complained(address, runId, source)));
            } else if (traced.isPresent()) {
                unverified.add(address);
            }
        }
        if (!todo.isEmpty()) {
            return new Reading("COMPLAINT", Sentence.of("feedback.complaint", complaint.feedbackType(), about), messageId, todo);
        }
        if (!unverified.isEmpty()) {
            return new Reading("COMPLAINT_UNVERIFIED", Sentence.of("feedback.complaint-unverified", String.join(", ", unverified),
                    String.join(" ", unverified), about), messageId, List.of());
        }
        return new Reading("COMPLAINT_UNNAMED", Sentence.of("feedback.complaint-unnamed", complaint.feedbackType(), about),
                messageId, List.of());
    }

    /**
     * A bounce: for each address Bulletin sent the quoted message to, what the failure says about
     * it ({@link FeedbackActions#failure}). A bounce that quotes no message of Bulletin's is
     * counted, never acted on alone (anyone can write one); one that quotes another of Bulletin's
     * messages than the one sent to that address is forged or mistaken, and left for people.
     */
    private Reading bounce(BounceReader.Report bounce, Set<String> quotedIds, String messageId, Sentence about) {
        List<Action> todo = new ArrayList<>();
        List<String> strangers = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        String key = "message " + (messageId != null ? messageId : about.english());
        for (Bounce failure : bounce.failures()) {
            // The address Bulletin mailed: the final one, or the original one when it was forwarded.
            Optional<Traced> traced = trace(failure.names(), quotedIds);
            if (traced.isEmpty()) {
                strangers.add(failure.address());
                continue;
            }
            String mailed = traced.get().address();
            long runId = traced.get().runId();
            if (traced.get().verified()) {
                todo.add(new Action(mailed, source -> actions.failure(mailed, runId, failure.status(), failure.words(),
                        failure.permanent(), key + " for " + mailed, source)));
            } else if (quotedIds.isEmpty()) {
                todo.add(new Action(mailed, source -> actions.unverifiedFailure(mailed, runId, failure.status(),
                        failure.words(), failure.permanent(), key + " for " + mailed, source)));
            } else {
                mismatched.add(mailed);
            }
        }
        if (!todo.isEmpty()) {
            return new Reading("BOUNCE", Sentence.of("feedback.bounce", bounce.format(), about), messageId, todo);
        }
        if (!mismatched.isEmpty()) {
            return new Reading("BOUNCE_MISMATCHED", Sentence.of("feedback.bounce-mismatched", String.join(", ", mismatched),
                    about), messageId, List.of());
        }
        return new Reading("BOUNCE_NOT_OURS", Sentence.of("feedback.bounce-not-ours", bounce.format(),
                String.join(", ", strangers), about), messageId, List.of());
    }

    /**
     * A request to leave: honoured at once when the mailbox's server vouches for its sender; else
     * the member is asked to confirm it (see {@link UnsubscribeConfirmation}), and nobody Bulletin
     * does not mail is ever written to.
     */
    private Reading request(UnsubscribeRequests.Request request, boolean authenticated, String subject, String messageId,
                            Sentence about) {
        String address = request.sender();
        Long run = actions.runThatMailed(address).orElse(null);
        if (authenticated || run != null && suppressions.isSuppressed(address)) {
            return new Reading("UNSUBSCRIBE", Sentence.of("feedback.request", about), messageId, List.of(new Action(address,
                    source -> actions.unsubscribed(address, run, Sentence.of("feedback.asked-by-mail", subject), source))),
                    request.to());
        }
        if (run == null) {
            return new Reading("UNSUBSCRIBE_NOT_OURS", Sentence.of("feedback.request-not-ours", address, about),
                    messageId, List.of());
        }
        return new Reading("UNSUBSCRIBE_UNVERIFIED", Sentence.of("feedback.request", about), messageId, List.of(),
                request.to(), new Ask(address, run));
    }

    /** The answer to a confirmation Bulletin asked for: the request is honoured, if it came in time. */
    private Reading answer(String token, String messageId, Sentence about) {
        Optional<FeedbackStore.Ask> ask = store.ask(token);
        if (ask.isEmpty()) {
            return new Reading("OTHER", Sentence.of("feedback.answer-unknown", about), messageId, List.of());
        }
        String address = ask.get().address();
        String asked = ask.get().askedAt().toString().substring(0, 10);
        if (ask.get().askedAt().plus(UnsubscribeConfirmation.VALIDITY).isBefore(Instant.now())) {
            return new Reading("CONFIRMATION_LATE", Sentence.of("feedback.confirmation-late", address, asked,
                    UnsubscribeConfirmation.VALIDITY.toDays(), about), messageId, List.of());
        }
        return new Reading("UNSUBSCRIBE_CONFIRMED", Sentence.of("feedback.answer", about), messageId,
                List.of(new Action(address, source -> {
                    store.answered(token);
                    return actions.unsubscribed(address, ask.get().runId(), Sentence.of("feedback.confirmed", asked), source);
                })));
    }

    private Reading classifyOrLeave(MimeMessage message, Set<String> unsubscribeAddresses, String authservId) {
        try {
            return classify(message, unsubscribeAddresses, authservId);
        } catch (MessagingException | IOException | RuntimeException e) {
            // Any failure of one message is that message's: named, left unread, and the read goes on.
            return new Reading("UNREADABLE", Sentence.of("feedback.unreadable", e.getMessage()), null, List.of());
        } catch (StackOverflowError e) {
            return new Reading("UNREADABLE", Sentence.of("feedback.too-deep"), null, List.of());
        }
    }

    private Reading classify(MimeMessage message, Set<String> unsubscribeAddresses, String authservId)
            throws MessagingException, IOException {
        String messageId = message.getMessageID();
        String from = message.getHeader("From", ",");
        String subject = MessageText.utf8(message.getSubject()); // a raw UTF-8 subject, read again as UTF-8
        Sentence about = Sentence.of("feedback.about", from, subject);
        Optional<ComplaintReader.Complaint> complaint = ComplaintReader.read(message);
        if (complaint.isPresent()) {
            return complaint(complaint.get(), quotedIds(message), messageId, about);
        }
        Optional<BounceReader.Report> bounce = BounceReader.read(message);
        if (bounce.isPresent()) {
            return bounce(bounce.get(), quotedIds(message), messageId, about);
        }
        if (AutoReplies.is(message)) {
            return new Reading("AUTO_REPLY", Sentence.of("feedback.auto-reply", about), messageId, List.of());
        }
        Optional<String> token = confirmation.tokenIn(subject);
        if (token.isPresent()) {
            return answer(token.get(), messageId, about);
        }
        Optional<UnsubscribeRequests.Request> leaving = UnsubscribeRequests.read(message, unsubscribeAddresses);
        if (leaving.isPresent()) {
            return request(leaving.get(), SenderAuthentication.vouchesForFrom(message, authservId), subject, messageId,
                    about);
        }
        return new Reading("OTHER", Sentence.of("feedback.other", about), messageId, List.of());
    }
}
