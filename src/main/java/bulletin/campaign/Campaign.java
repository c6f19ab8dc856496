package bulletin.campaign;

import bulletin.audience.RecipientSource;
import bulletin.ledger.RunContent;
import bulletin.ledger.RunRecord;
import bulletin.message.AddressingMode;
import bulletin.message.Letter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One job definition ({@code jobs/NAME.yml}): what to send, to whom, through which relay.
 *
 * @param file       the job file it was read from
 * @param name       campaign name; with the period it identifies a run
 * @param from       sender, {@code addr} or {@code Name <addr>}
 * @param replyTo    optional Reply-To
 * @param subject    subject line, a Mustache template
 * @param template   template base name in the templates folder ({@code NAME.html.mustache} / {@code NAME.txt.mustache})
 * @param recipients recipient sources (CSV and LDIF files, list definitions), paths resolved against the Bulletin home
 * @param envelopeSize recipients per message: the job file's {@code chunk-size} in Bcc mode, always 1 in personal mode
 * @param relay      relay profile name ({@code outbox} is built in)
 * @param visibleTo  what the To: header shows
 * @param variables  campaign-level template variables
 * @param mode       one Bcc message per envelope, or one message per recipient
 * @param unsubscribe     the address that takes unsubscribe requests (List-Unsubscribe mailto), or null
 * @param unsubscribeUrl  an https unsubscribe URL, a Mustache template (per recipient in personal mode), or null
 * @param attachments     files attached to every message
 * @param schedule        when {@code schedule} sends it: a cron expression (seconds first), or null
 * @param sentCopy        the mailbox whose Sent folder keeps one copy of the message ({@code sent-copy}), or null
 * @param letterFolder    where the letter is written when it comes from the mailbox ({@code content:}), else null:
 *                        then {@code subject} and {@code template} are null
 */
public record Campaign(
        Path file,
        String name,
        String from,
        String replyTo,
        String subject,
        String template,
        List<RecipientSource> recipients,
        int envelopeSize,
        String relay,
        VisibleTo visibleTo,
        Map<String, String> variables,
        AddressingMode mode,
        String unsubscribe,
        String unsubscribeUrl,
        List<Path> attachments,
        String schedule,
        String sentCopy,
        LetterFolder letterFolder) {

    /** Recipients per Bcc message when the job file does not say. */
    public static final int DEFAULT_ENVELOPE_SIZE = 50;
    /** The most recipients one Bcc message may carry: relays refuse more per transaction. */
    public static final int MAX_ENVELOPE_SIZE = 1000;

    public Campaign {
        // The one place that decides how many recipients a message carries.
        envelopeSize = mode == AddressingMode.PERSONAL ? 1 : envelopeSize;
        recipients = List.copyOf(recipients);
        variables = Map.copyOf(variables);
        attachments = List.copyOf(attachments);
    }

    /** What the visible To: header of a Bcc message shows: the sender, or "undisclosed recipients". */
    public String toHeader() {
        return visibleTo == VisibleTo.SENDER ? from : Letter.UNDISCLOSED;
    }

    /** The run of this campaign for {@code period} as the ledger records it: the one place a run record is made. */
    public RunRecord run(long runId, String period, Instant createdAt, RunContent content) {
        return new RunRecord(runId, name, period, file.toString(), relay, from, replyTo, toHeader(), envelopeSize,
                createdAt, content, null, sentCopy);
    }
}
