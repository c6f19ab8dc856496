package bulletin.cli;

import bulletin.home.Locality;
import bulletin.send.LoggedProgress;
import bulletin.send.SendProgress;
import bulletin.text.Words;
import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The send's progress as the operator sees it: on an interactive terminal, a bar on standard error
 * with the recipients handled, the rate and the time left; otherwise (cron, a pipe, CI) the plain
 * log line every 10 seconds. {@code bulletin.progress=bar|lines} overrides the choice.
 *
 * <p><b>Threads.</b> The send step's thread reports progress; its methods are synchronized so that
 * a bar drawn by the progress library's own thread never sees half an update.
 */
@Component
class TerminalProgress implements SendProgress {

    private final boolean bar;
    private final Supplier<ProgressBarConsumer> consumer;
    private final ProgressBarStyle style;
    private final LoggedProgress lines;
    private final Words words;
    private ProgressBar current;

    @Autowired
    TerminalProgress(ProgressSettings settings, Locality locality) {
        this(switch (settings.progress()) {
            case BAR -> true;
            case LINES -> false;
            case AUTO -> System.console() != null; // both standard input and output are a terminal
        }, () -> new ConsoleProgressBarConsumer(System.err), unicode(System.console()), settings.progressInterval(),
                locality.words());
    }

    TerminalProgress(boolean bar, Supplier<ProgressBarConsumer> consumer, boolean unicode, Duration interval, Words words) {
        this.bar = bar;
        this.words = words;
        this.lines = new LoggedProgress(interval);
        this.consumer = consumer;
        this.style = unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII;
    }

    private static boolean unicode(Console console) {
        return console != null && StandardCharsets.UTF_8.equals(console.charset());
    }

    @Override
    public synchronized void started(long runId, long toSend) {
        if (!bar) {
            lines.started(runId, toSend);
            return;
        }
        current = new ProgressBarBuilder()
                .setTaskName(words.format("progress.run", runId))
                .setInitialMax(toSend)
                .setStyle(style)
                .setConsumer(consumer.get())
                .setUpdateIntervalMillis(500)
                .continuousUpdate() // the clock and the time left move while a slow relay answers
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .build();
    }

    @Override
    public synchronized void advanced(long handled, long notSent) {
        if (current == null) {
            lines.advanced(handled, notSent);
            return;
        }
        current.stepTo(handled);
        current.setExtraMessage(notSent == 0 ? "" : " " + words.format("progress.not-sent", notSent));
    }

    @Override
    public synchronized void finished() {
        if (current != null) {
            current.close();
            current = null;
        } else {
            lines.finished();
        }
    }
}
