package bulletin.send;

import bulletin.text.TerminalWords;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain log line every 10 seconds ({@code bulletin.progress-interval}): what cron mails and CI
 * keep of a long run.
 */
public class LoggedProgress implements SendProgress {

    private static final Logger log = LoggerFactory.getLogger(LoggedProgress.class);

    private final long everyNanos;

    private long runId;
    private long toSend;
    private long started;
    private long lastReport;
    private long handled;
    private long notSent;

    public LoggedProgress(Duration every) {
        this.everyNanos = every.toNanos();
    }

    @Override
    public void started(long runId, long toSend) {
        this.runId = runId;
        this.toSend = toSend;
        started = System.nanoTime();
        lastReport = started;
    }

    @Override
    public void advanced(long handled, long notSent) {
        this.handled = handled;
        this.notSent = notSent;
        long now = System.nanoTime();
        if (now - lastReport < everyNanos) {
            return;
        }
        lastReport = now;
        double rate = handled / Math.max((now - started) / 1e9, 0.001);
        long left = Math.max(0, toSend - handled);
        log.info(TerminalWords.key("log.progress"), "Run {}: {} of {} recipients handled ({} not sent), {}/s, about {} s left",
                runId, handled, toSend,
                notSent, Math.round(rate), rate > 0 ? Math.round(left / rate) : "?");
    }

    @Override
    public void finished() {
        if (started == 0) {
            return; // the step stopped before it began to send
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // This attempt's own count: a resumed run's table below counts every attempt.
        log.info(TerminalWords.key("log.attempt-handled"), "Run {}: this attempt handled {} of the {} recipients it had to send ({} not sent) in {} s, {}/s",
                runId, handled, toSend, notSent,
                String.format(Locale.ROOT, "%.1f", seconds), Math.round(handled / Math.max(seconds, 0.001)));
        started = 0;
    }
}
