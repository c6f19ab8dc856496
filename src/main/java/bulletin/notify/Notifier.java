package bulletin.notify;

import bulletin.feedback.FeedbackNotice;
import bulletin.feedback.FeedbackReport;
import bulletin.files.OwnerOnly;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.relay.PlainMail;
import bulletin.relay.RelayFactory;
import bulletin.run.RunResult;
import bulletin.text.Sentence;
import bulletin.text.TerminalWords;
import bulletin.text.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the association what happened while nobody watched ({@code bulletin.notify.to}): after
 * each run attempt that sent or tried to send — completed, completed with some not reached,
 * failed, stopped — one short mail in {@code bulletin.locale}'s language with what happened, what
 * was kept and the next command, the run's report page attached; and after a feedback read that
 * suppressed someone or found a refusal because of the sender, one mail with what came back. A
 * notice that cannot be sent is logged and never fails what it reports on.
 *
 * <p><b>Threads.</b> Called on the thread that ends a run or a read (a command's, the scheduler's);
 * the once-a-day record of what was told is read and written under one lock per process (two
 * processes may still race, which costs a second mail at worst).
 */
@Component
public class Notifier implements FeedbackNotice {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotifySettings settings;
    private final RelayFactory relays;
    private final Locality locality;
    private final Workspace workspace;
    /** The notices' own words ({@code notify/words*.properties}); what they quote of a run or a read is the terminal's. */
    private final Words words;

    Notifier(NotifySettings settings, RelayFactory relays, Locality locality, Workspace workspace) {
        this.settings = settings;
        this.relays = relays;
        this.locality = locality;
        this.workspace = workspace;
        this.words = Words.of("notify.words", locality.locale());
    }

    /** After a run attempt: nothing for a run already sent (nothing happened) or abandoned (the operator did it). */
    public void run(RunResult result) {
        if (settings.to().isEmpty() || result.outcome() == RunResult.Outcome.ALREADY_COMPLETED
                || result.outcome() == RunResult.Outcome.ABANDONED) {
            return;
        }
        long sent = result.counts().get(DeliveryStatus.SENT);
        long notReached = result.counts().get(DeliveryStatus.REFUSED) + result.counts().get(DeliveryStatus.FAILED)
                + result.counts().get(DeliveryStatus.IN_DOUBT);
        String kind = switch (result.outcome()) {
            case COMPLETED -> notReached > 0 ? "PARTLY" : "COMPLETED";
            case STOPPED -> "STOPPED";
            default -> "FAILED";
        };
        String subject = words.format("subject_" + kind, result.campaign(), result.period(),
                kind.equals("PARTLY") ? notReached : sent);
        StringWriter text = new StringWriter();
        PrintWriter body = new PrintWriter(text);
        body.println(words.format("body_" + kind, result.campaign(), result.period(),
                kind.equals("PARTLY") ? notReached : kind.equals("COMPLETED") ? sent
                        : result.problem(locality.words())));
        body.println();
        body.println(words.get("counts"));
        for (DeliveryStatus state : DeliveryStatus.values()) {
            long count = result.counts().get(state);
            if (count > 0) {
                body.printf("  %-11s %8d%n", state, count);
            }
        }
        body.println();
        if (kind.equals("FAILED") || kind.equals("STOPPED")) {
            body.println(words.format("kept", sent, result.counts().get(DeliveryStatus.PENDING)));
            body.println(words.format("next", result.resumeAt() != null
                    ? words.format("next_resume_at", locality.show(result.resumeAt()), result.runId())
                    : words.format("next_restart", result.runId())));
        } else if (kind.equals("PARTLY")) {
            body.println(words.format("next", words.format("next_audit", result.runId())));
        }
        Path page = result.reportPage();
        if (page != null && !page.isAbsolute()) {
            page = workspace.resolve(page.toString());
        }
        boolean attached = page != null && Files.isRegularFile(page);
        if (attached) {
            body.println(words.get("report"));
        }
        body.println();
        body.println(words.format("footer", locality.show(Instant.now())));
        body.flush();
        send(Sentence.of("notice.run", result.runId()), subject, text.toString(), attached ? page : null);
    }

    /** After a feedback read: only when it changed the list or found the sending side refused. */
    @Override
    public void read(List<FeedbackReport> reports) {
        List<FeedbackReport> worth = reports.stream().filter(r -> r.suppressed() > 0 || r.campaignProblems()).toList();
        if (settings.to().isEmpty() || worth.isEmpty()) {
            return;
        }
        StringWriter text = new StringWriter();
        PrintWriter body = new PrintWriter(text);
        body.println(words.get("feedback_body"));
        body.println();
        worth.forEach(report -> report.print(body, locality.words())); // the feedback's lines in French too
        body.println();
        body.println(words.format("footer", locality.show(Instant.now())));
        body.flush();
        send(Sentence.of("notice.feedback"), words.get("feedback_subject"), text.toString(), null);
    }

    /**
     * Something that runs unattended could not be done (a feedback read, the daily purge): said once
     * a day for each kind at most, whichever process meets it — a mailbox down all day from a
     * quarter-hourly cron is one mail, not ninety-six. The day of the last notice is kept in
     * {@code data/notices.properties}.
     */
    @Override
    public void failed(String what, String sentence) {
        // what: mailbox, mailjet (the feedback reads) or purge (the daily purge), named in the notice's language
        if (settings.to().isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(locality.timeZone());
        Path state = workspace.resolve("data/notices.properties");
        synchronized (Notifier.class) {
            Properties told = new Properties();
            try {
                if (Files.isRegularFile(state)) {
                    try (var in = Files.newBufferedReader(state)) {
                        told.load(in);
                    }
                }
                String key = "trouble." + what;
                if (today.toString().equals(told.getProperty(key))) {
                    return;
                }
                told.setProperty(key, today.toString());
                StringWriter written = new StringWriter();
                told.store(written, "Bulletin: the day each kind of trouble was last told (bulletin.notify.to)");
                OwnerOnly.writeString(state, written.toString());
            } catch (IOException e) {
                log.warn(TerminalWords.key("log.notice-state"), "Cannot keep {} ({}): the notice is sent all the same", state,
                        e.getMessage());
            }
        }
        String named = words.get("what_" + what);
        String text = words.format("trouble_body", named, sentence) + System.lineSeparator() + System.lineSeparator()
                + words.get("trouble_once") + System.lineSeparator() + System.lineSeparator()
                + words.format("footer", locality.show(Instant.now())) + System.lineSeparator();
        send(Sentence.of("text", named), words.format("trouble_subject", named), text, null);
    }

    private void send(Sentence what, String subject, String text, Path attachment) {
        String from = settings.from() != null && !settings.from().isBlank() ? settings.from() : settings.to().get(0);
        String why = new PlainMail(from, settings.to(), subject, text, "auto-generated", attachment)
                .send(relays, settings.relay(), workspace.outbox().resolve("notices"));
        if (why == null) {
            log.info(TerminalWords.key("log.notice-sent"), "Notice about {} sent to {} through relay '{}'", what,
                    String.join(", ", settings.to()), settings.relay());
        } else {
            // Never the failure of what it reports on: that is recorded already; the operator reads the log.
            log.warn(TerminalWords.key("log.notice-failed"), "The notice about {} could not be sent through relay '{}' ({});"
                    + " what it reports on is not affected", what, settings.relay(), why);
        }
    }
}
