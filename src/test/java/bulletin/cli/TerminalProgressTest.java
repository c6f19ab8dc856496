package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.text.TerminalWords;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The progress bar's content: counts, the not-sent ones, the rate and the time left. */
class TerminalProgressTest {

    private static final Pattern RATE_AND_TIMES =
            Pattern.compile("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) \\d+(\\.\\d+)?/s");

    @Test
    void theBarShowsCountsRateAndTimeLeft() {
        List<String> frames = new CopyOnWriteArrayList<>();
        TerminalProgress progress = new TerminalProgress(true, () -> new DelegatingProgressBarConsumer(frames::add, 120), false, Duration.ofSeconds(10), TerminalWords.in(Locale.ENGLISH));

        progress.started(7, 1000);
        progress.advanced(400, 3);
        // The bar redraws itself every half second; the rate and the time left appear once it has a second of history.
        await().atMost(Duration.ofMinutes(1)).until(() -> !frames.isEmpty()
                && RATE_AND_TIMES.matcher(frames.get(frames.size() - 1)).find());
        progress.finished();

        String last = frames.get(frames.size() - 1);
        assertThat(last).startsWith("Run 7").contains("400/1000").contains("40%").contains("(3 not sent)")
                .containsPattern(RATE_AND_TIMES); // elapsed / left, rate: any, on a busy machine
    }

    @Test
    void withoutATerminalThereIsNoBar() {
        List<String> frames = new CopyOnWriteArrayList<>();
        TerminalProgress progress = new TerminalProgress(false, () -> new DelegatingProgressBarConsumer(frames::add, 120), false, Duration.ofSeconds(10), TerminalWords.in(Locale.ENGLISH));

        progress.started(7, 1000);
        progress.advanced(400, 3);
        progress.finished();

        assertThat(frames).isEmpty();
    }
}
