package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.batch.StagingWriter.BackgroundStaging;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stage step's writes one chunk behind: in the background, in order, and their failure said. */
class BackgroundStagingTest {

    @Test
    void aChunkIsWrittenInTheBackgroundAndFinishWaitsForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        try (BackgroundStaging staging = new BackgroundStaging()) {
            staging.handOver(() -> {
                await(release);
                done.add("chunk 1");
            });
            assertThat(done).as("handed over, not yet written: the caller goes on").isEmpty();
            release.countDown();
            staging.finish();
            assertThat(done).containsExactly("chunk 1");
        }
    }

    @Test
    void chunksAreWrittenInTheOrderHandedOverOneAtATime() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (BackgroundStaging staging = new BackgroundStaging()) {
            for (int i = 1; i <= 5; i++) {
                String chunk = "chunk " + i;
                staging.handOver(() -> {
                    events.add(chunk + " begins");
                    events.add(chunk + " ends");
                });
            }
            staging.finish();
        }
        assertThat(events).containsExactly("chunk 1 begins", "chunk 1 ends", "chunk 2 begins", "chunk 2 ends",
                "chunk 3 begins", "chunk 3 ends", "chunk 4 begins", "chunk 4 ends", "chunk 5 begins", "chunk 5 ends");
    }

    @Test
    void aFailedWriteIsThrownOnceByTheNextHandOverWhoseChunkIsThenNotWritten() {
        List<String> done = new CopyOnWriteArrayList<>();
        try (BackgroundStaging staging = new BackgroundStaging()) {
            staging.handOver(() -> {
                throw new IllegalStateException("the database refused row 1500");
            });
            assertThatThrownBy(() -> staging.handOver(() -> done.add("chunk 2")))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the database refused row 1500");
            staging.finish(); // said once
            assertThat(done).isEmpty();
        }
    }

    @Test
    void theLastFailureIsThrownByFinishAndCloseLetsItGo() {
        BackgroundStaging staging = new BackgroundStaging();
        staging.handOver(() -> {
            throw new IllegalStateException("the last chunk failed");
        });
        assertThatThrownBy(staging::finish).hasMessage("the last chunk failed");

        staging.handOver(() -> {
            throw new IllegalStateException("failed again, after the step already failed");
        });
        staging.close(); // the step's own failure is what the operator reads
        assertThatThrownBy(() -> staging.handOver(() -> { })).as("its thread is stopped")
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
