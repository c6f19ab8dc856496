package bulletin.stop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The operator asked this process to stop (Ctrl-C, SIGTERM from systemd or {@code kill}). A send
 * takes no new round, lets the messages in flight finish and ends STOPPED, restartable; waits
 * (a budget's pause) end at once. Spring-free state shared by the signal handlers of the command
 * line and the send loop.
 *
 * <p><b>Threads.</b> Shared by the signal handlers' threads (which request a stop, or quit at once)
 * and the send step's thread (which asks): every field is atomic or volatile.
 */
@Component
public class OperatorStop {

    /** A signal by name and number (the exit status is 128 + number, as a shell reports it). */
    public record Signal(String name, int number) {
        public int exitCode() {
            return 128 + number;
        }
    }

    private final AtomicReference<Signal> signal = new AtomicReference<>();
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile CountDownLatch sendEnded;
    private volatile Runnable forcedQuit = () -> { };
    /** What a stop waits for, as the terminal's words name it ({@code stop.waits-for.KIND}). */
    private volatile String inFlight = IN_FLIGHT;
    private static final String IN_FLIGHT = "messages";

    /** Asks for the stop; true the first time. */
    public boolean request(Signal received) {
        boolean first = signal.compareAndSet(null, received);
        requested.countDown();
        return first;
    }

    public boolean requested() {
        return signal.get() != null;
    }

    public Signal signal() {
        return signal.get();
    }

    /** Waits up to {@code duration}; true when it ran out, false when a stop was requested first. */
    public boolean pause(Duration duration) throws InterruptedException {
        return !requested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A send step begins: a stop request now waits for its messages in flight; {@code forcedQuit} tidies up if they never end. */
    public void sendStarted(Runnable forcedQuit) {
        workStarted(IN_FLIGHT, forcedQuit);
    }

    /**
     * Other work that a stop should let finish rather than cut (the feedback read of {@code schedule}),
     * named for the operator's line ("stopping after the scheduler's current task") by a word of
     * {@code terminal/words*.properties}: {@code stop.waits-for.WHAT}.
     */
    public void workStarted(String what, Runnable forcedQuit) {
        this.inFlight = what;
        this.forcedQuit = forcedQuit;
        this.sendEnded = new CountDownLatch(1);
    }

    /** What a stop waits for: {@code stop.waits-for.}<i>this</i> in the terminal's words. */
    public String inFlight() {
        return inFlight;
    }

    public void sendEnded() {
        CountDownLatch ended = sendEnded;
        forcedQuit = () -> { };
        if (ended != null) {
            ended.countDown();
        }
    }

    public boolean sending() {
        CountDownLatch ended = sendEnded;
        return ended != null && ended.getCount() > 0;
    }

    /** Waits for the send to end; false when {@code grace} ran out first. */
    public boolean awaitSendEnded(Duration grace) throws InterruptedException {
        CountDownLatch ended = sendEnded;
        return ended == null || ended.await(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before quitting in the middle of a send: what the send loop can still put right. */
    public void forcedQuit() {
        forcedQuit.run();
    }
}
