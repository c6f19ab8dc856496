package bulletin.feedback;

import bulletin.mailbox.MailboxConfigurationException;
import bulletin.mailbox.MailboxException;
import bulletin.text.Spoken;
import bulletin.text.TerminalWords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The feedback read that {@code schedule} does every {@code bulletin.feedback.interval}: the
 * mailbox, then Mailjet's events, each report written to the log. A mailbox that is not configured
 * is said once and skipped; one that cannot be reached is tried again at the next interval, and
 * so is a read that failed in any other way: a feedback read never stops {@code schedule}. What
 * it read is told to the {@link FeedbackNotice}s (the association's notices).
 *
 * <p><b>Threads.</b> Asked by the scheduler's thread; {@link #readIfDue} is synchronized all the
 * same, so that one read runs at a time in a process whoever asks.
 */
@Component
public class FeedbackLoop {

    private static final Logger log = LoggerFactory.getLogger(FeedbackLoop.class);

    private final MailboxFeedback mailbox;
    private final MailjetFeedback mailjet;
    private final FeedbackSettings settings;
    private final ObjectProvider<FeedbackNotice> notices;
    private Instant next = Instant.MIN;
    private boolean saidNotConfigured;

    FeedbackLoop(MailboxFeedback mailbox, MailjetFeedback mailjet, FeedbackSettings settings,
                 ObjectProvider<FeedbackNotice> notices) {
        this.notices = notices;
        this.mailbox = mailbox;
        this.mailjet = mailjet;
        this.settings = settings;
    }

    /** Reads the feedback if the interval has passed since the last read; returns whether it read. */
    public synchronized boolean readIfDue(Instant now) {
        if (now.isBefore(next)) {
            return false;
        }
        next = now.plus(settings.interval());
        read();
        return true;
    }

    private void read() {
        List<FeedbackReport> reports = new ArrayList<>();
        try {
            reports.add(logged(mailbox.read(settings.mailbox(), false)));
        } catch (MailboxConfigurationException e) {
            if (!saidNotConfigured) {
                log.info(TerminalWords.key("log.feedback-not-configured"), "Feedback: the mailbox is not read ({}); bounces"
                        + " through it are not seen", Spoken.of(e));
                saidNotConfigured = true;
            }
        } catch (MailboxException e) {
            log.warn(TerminalWords.key("log.feedback-unreachable"), "Feedback: {}; tried again in {} min", Spoken.of(e),
                    settings.interval().toMinutes());
            failed("mailbox", e.getMessage());
        } catch (RuntimeException e) {
            // Whatever went wrong, schedule goes on: what was applied is kept, and the next read tries again.
            log.warn(TerminalWords.key("log.feedback-stopped"), "Feedback: the mailbox read stopped ({}); what it applied is"
                    + " kept, tried again in {} min", Spoken.of(e), settings.interval().toMinutes());
            TRACES.warn("feedback read failed", e);
            failed("mailbox", e.getMessage());
        }
        try {
            mailjet.pull(false).forEach(report -> {
                reports.add(logged(report));
                if (!report.complete()) {
                    failed("mailjet", report.failure());
                }
            });
        } catch (RuntimeException e) {
            log.warn(TerminalWords.key("log.feedback-mailjet-stopped"), "Feedback: reading Mailjet's events stopped ({});"
                    + " tried again in {} min", Spoken.of(e), settings.interval().toMinutes());
            TRACES.warn("Mailjet read failed", e);
            failed("mailjet", e.getMessage());
        }
        notices.forEach(notice -> notice.read(reports));
    }

    private void failed(String what, String sentence) {
        notices.forEach(notice -> notice.failed(what, sentence));
    }

    /** Outside the "bulletin." loggers: the trace goes to the log file, the terminal hears one sentence. */
    private static final Logger TRACES = LoggerFactory.getLogger("traces.bulletin.feedback");

    private static FeedbackReport logged(FeedbackReport report) {
        report.said().forEach(line -> log.info(TerminalWords.key("log.feedback"), "Feedback: {}", line));
        return report;
    }
}
