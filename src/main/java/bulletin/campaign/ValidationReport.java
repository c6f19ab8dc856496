package bulletin.campaign;

import bulletin.text.Sentence;
import bulletin.text.Spoken;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dry run found, without sending or writing anything.
 *
 * @param campaign   the campaign name, or null when the job file could not be read
 * @param problems   what stops the campaign from being sent (a bad job file, a missing source,
 *                   a broken template, an unusable relay), each a sentence naming the file and line,
 *                   said in the reader's language
 * @param rejections input rows that would not be sent, each "file:line: reason" (the first
 *                   {@value Builder#KEPT} of them; the counts below are complete)
 * @param recipients how many would be sent to
 * @param invalid    rows without a usable address
 * @param duplicates rows repeating an address already seen
 * @param suppressed rows whose address is on the suppression list
 * @param subject    the rendered subject, when the templates render
 * @param relay      the relay the run would use, where it is, whether it logs in, and why it was chosen (a sentence)
 * @param relayName  that relay's profile name, for a handshake ({@code validate --connect})
 * @param attachments each attached file as the operator names it, with its size and the type it goes out with
 * @param sentCopy   the mailbox whose Sent folder keeps the campaign's copy ({@code sent-copy}), or null
 * @param letter     for a letter written in the mailbox: which one will go (its subject, date, size,
 *                   attachments, folder), and what of it is not used (its own recipients); else empty
 */
public record ValidationReport(String campaign, List<Sentence> problems, List<Sentence> rejections, long recipients,
                               long invalid, long duplicates, long suppressed, String subject, Sentence relay,
                               String relayName, List<String> attachments, String sentCopy, List<Sentence> letter) {

    public boolean sendable() {
        return problems.isEmpty();
    }

    /** The rows set aside, in English, as the ledger and the audit say them. */
    public List<String> rejectionsInEnglish() {
        return rejections.stream().map(Sentence::english).toList();
    }

    /** The problems in English, as the log file and an exception's message say them. */
    public List<String> problemsInEnglish() {
        return problems.stream().map(Sentence::english).toList();
    }

    static final class Builder {
        static final int KEPT = 1000;
        String campaign;
        final List<Sentence> problems = new ArrayList<>();
        final List<Sentence> rejections = new ArrayList<>();
        long recipients;
        long invalid;
        long duplicates;
        long suppressed;
        String subject;
        String sentCopy;
        Sentence relay;
        String relayName;
        final List<String> attachments = new ArrayList<>();
        final List<Sentence> letter = new ArrayList<>();
        boolean contentFailed;

        /** A failure that stops the campaign: its sentence when it has one, else its message. */
        void problem(RuntimeException failure) {
            problems.add(Spoken.of(failure));
        }

        void reject(Sentence finding) {
            if (rejections.size() < KEPT) {
                rejections.add(finding);
            }
        }

        ValidationReport build() {
            return new ValidationReport(campaign, List.copyOf(problems), List.copyOf(rejections), recipients, invalid,
                    duplicates, suppressed, subject, relay, relayName, List.copyOf(attachments), sentCopy, List.copyOf(letter));
        }
    }
}
