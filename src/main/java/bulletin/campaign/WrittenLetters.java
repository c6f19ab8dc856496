package bulletin.campaign;

import bulletin.home.Locality;
import bulletin.ledger.RunRecord;
import bulletin.ledger.TakenLetters;
import bulletin.mailbox.MailboxSession;
import bulletin.mailbox.Mailboxes;
import bulletin.message.DraftLetter;
import bulletin.message.TemplateException;
import bulletin.text.Sentence;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The letters the secretary writes in Thunderbird and saves in a folder of the association's own
 * mailbox ({@code content:} in the job file): the one waiting there is a campaign's letter; once
 * its run completed it goes to the sent folder. Only that folder is read, never the inbox, so
 * nothing that arrives from outside can become a campaign.
 */
@Component
public class WrittenLetters {

    private final Mailboxes mailboxes;
    private final TakenLetters taken;
    private final ZoneId zone;

    WrittenLetters(Mailboxes mailboxes, TakenLetters taken, Locality locality) {
        this.mailboxes = mailboxes;
        this.taken = taken;
        this.zone = locality.timeZone();
    }

    /**
     * The one letter waiting in the campaign's folder, not taken by another run.
     *
     * @param runId the run about to take it, or 0 for a check that takes nothing
     * @throws TemplateException when the folder holds none, or several (named), or one that cannot be sent as it is
     */
    public DraftLetter waiting(Campaign campaign, long runId) {
        LetterFolder where = campaign.letterFolder();
        List<MailboxSession.Stored> waiting = new ArrayList<>();
        try (MailboxSession session = mailboxes.open(where.mailbox())) {
            for (MailboxSession.Stored stored : session.folder(where.folder())) {
                // A letter another run took went out (or will, on its restart): never again, even if it was not moved.
                if (stored.messageId() == null || taken.takenByAnother(stored.messageId(), runId).isEmpty()) {
                    waiting.add(stored);
                }
            }
        }
        if (waiting.isEmpty()) {
            throw new TemplateException(Sentence.of("letter.none", where.folder(), where.mailbox()));
        }
        if (waiting.size() > 1) {
            Sentence named = null;
            for (MailboxSession.Stored stored : waiting) {
                Sentence one = Sentence.of("letter.named", stored.subject() == null ? "" : stored.subject(), when(stored));
                named = named == null ? one : Sentence.of("comma", named, one);
            }
            throw new TemplateException(Sentence.of("letter.several", waiting.size(), where.folder(), named));
        }
        MailboxSession.Stored letter = waiting.get(0);
        if (letter.raw() == null) {
            throw new TemplateException(Sentence.of("letter.too-large", letter.subject(), where.folder(), letter.tooLarge()));
        }
        if (letter.messageId() == null) {
            throw new TemplateException(Sentence.of("letter.no-message-id", letter.subject(), where.folder()));
        }
        return DraftLetter.parse(letter.raw());
    }

    /** The run takes the letter: no other run takes it again, whatever becomes of it in the mailbox. */
    public void take(DraftLetter letter, long runId) {
        taken.take(letter.messageId(), runId);
    }

    /**
     * The run completed: its letter goes to the sent folder, so that the next fire finds the folder
     * empty. A letter no longer there (moved by hand) is fine; a mailbox that cannot be reached is
     * said, and the letter stays the run's all the same.
     *
     * @return what became of it, in words
     */
    public Sentence file(String mailbox, String folder, String sentFolder, String messageId, long runId) {
        Sentence filed;
        try (MailboxSession session = mailboxes.open(mailbox)) {
            filed = session.move(folder, messageId, sentFolder) ? Sentence.of("letter.filed", sentFolder, mailbox)
                    : Sentence.of("letter.gone", folder);
        } catch (RuntimeException e) {
            filed = Sentence.of("letter.not-filed", folder, bulletin.text.Spoken.of(e));
        }
        taken.filed(messageId, runId, filed.english());
        return filed;
    }

    /**
     * A run whose letter came from the mailbox has sent it to everyone it could: the letter goes to
     * the sent folder, once. Empty for a run of templates, or a letter filed already.
     */
    public Optional<Sentence> fileOf(RunRecord run) {
        Map<String, String> frozen = run.content() == null ? Map.of() : run.content().templates();
        if (!frozen.containsKey(DraftLetter.FROZEN)) {
            return Optional.empty();
        }
        return taken.ofRun(run.runId()).filter(messageId -> !taken.isFiled(messageId, run.runId()))
                .map(messageId -> file(frozen.get(CampaignContent.LETTER_MAILBOX), frozen.get(CampaignContent.LETTER_FOLDER),
                        frozen.get(CampaignContent.LETTER_SENT_FOLDER), messageId, run.runId()));
    }

    private String when(MailboxSession.Stored stored) {
        return stored.date() == null ? "?" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(stored.date().atZone(zone));
    }
}
