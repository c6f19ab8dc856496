package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The progress bar's content: counts, the not-sent ones, the rate and the time left. */
class TerminalProgressTest {

    @Test
    void theBarShowsCountsRateAndTimeLeft() throws InterruptedException {
        List<String> frames = new CopyOnWriteArrayList<>();
        TerminalProgress progress = new TerminalProgress(true, () -> new DelegatingProgressBarConsumer(frames::add, 120), false, Duration.ofSeconds(10));

        progress.started(7, 1000);
        Thread.sleep(1100); // the rate needs a second of history
        progress.advanced(400, 3);
        progress.finished();

        String last = frames.get(frames.size() - 1);
        assertThat(last).startsWith("Run 7").contains("400/1000").contains("40%").contains("(3 not sent)")
                .containsPattern("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) \\d+(\\.\\d+)?/s"); // elapsed / left, rate: any, on a busy machine
    }

    @Test
    void withoutATerminalThereIsNoBar() {
        List<String> frames = new CopyOnWriteArrayList<>();
        TerminalProgress progress = new TerminalProgress(false, () -> new DelegatingProgressBarConsumer(frames::add, 120), false, Duration.ofSeconds(10));

        progress.started(7, 1000);
        progress.advanced(400, 3);
        progress.finished();

        assertThat(frames).isEmpty();
    }
}
