package bulletin.send;

import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerEntry;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.mailbox.MailboxSession;
import bulletin.mailbox.Mailboxes;
import bulletin.message.Letter;
import bulletin.message.MessageComposer;
import bulletin.message.MessageIds;
import bulletin.run.RunLetters;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A job's {@code sent-copy: MAILBOX}: one copy of the campaign's message — not one per envelope —
 * appended over IMAP to the mailbox's Sent folder, marked read, as Thunderbird keeps what it
 * sends. Kept once per run; a copy that cannot be kept never fails the run, it is reported.
 */
@Service
public class SentCopy {

    private static final Logger log = LoggerFactory.getLogger(SentCopy.class);

    private final Mailboxes mailboxes;
    private final Ledger ledger;
    private final Runs runs;
    private final Workspace workspace;
    private final Locality locality;

    SentCopy(Mailboxes mailboxes, Ledger ledger, Runs runs, Workspace workspace, Locality locality) {
        this.mailboxes = mailboxes;
        this.ledger = ledger;
        this.runs = runs;
        this.workspace = workspace;
        this.locality = locality;
    }

    /** Keeps the copy if the run asks for one and it is not kept yet; returns what became of it. */
    public Optional<String> keep(RunRecord run, long executionId) {
        if (run.sentCopy() == null || run.content() == null) {
            return Optional.empty();
        }
        Optional<String> earlier = runs.sentCopy(run.runId());
        if (earlier.isPresent() && earlier.get().startsWith("kept")) {
            return earlier;
        }
        String result;
        try {
            MimeMessage copy = compose(run, executionId);
            try (MailboxSession session = mailboxes.open(run.sentCopy())) {
                result = "kept in the " + session.appendToSent(copy) + " folder of mailbox '" + run.sentCopy() + "'";
            }
        } catch (RuntimeException e) {
            result = "no copy in the Sent folder of mailbox '" + run.sentCopy() + "': " + e.getMessage()
                    + " (the run is not affected)";
            log.warn("Run {}: {}", run.runId(), result);
        }
        runs.recordSentCopy(run.runId(), result);
        return Optional.of(result);
    }

    /** The Bcc message as sent; in personal mode the message of the first recipient it was sent to. */
    private MimeMessage compose(RunRecord run, long executionId) {
        RunLetters letters = new RunLetters(run, workspace.templates());
        Letter letter;
        if (letters.personal()) {
            LedgerEntry first = ledger.firstIn(run.runId(), DeliveryStatus.SENT)
                    .orElseThrow(() -> new IllegalStateException("no recipient was sent the message"));
            letter = letters.personal(first);
        } else {
            letter = letters.bcc();
        }
        String messageId = MessageIds.of(run.runId(), 0, executionId, MessageComposer.senderDomain(run.sender()));
        return new MessageComposer(locality.timeZone()).compose(letter, messageId);
    }
}
