package bulletin.cli;

import bulletin.stop.OperatorStop;
import java.io.PrintStream;
import java.time.Duration;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as an operator expects them. During a send, the first one stops it
 * cleanly — no new message, the ones in flight finish (at most {@link #GRACE}), the run ends
 * STOPPED — and a second one quits at once. Otherwise the process quits at once. The exit status
 * is 130 or 143, as a shell reports a process ended by the signal.
 *
 * <p>Signal handlers rather than a shutdown hook: a JVM that has begun shutting down closes
 * Spring's context (and the database pool) under the send, and ignores a second Ctrl-C.
 */
final class StopSignals {

    static final Duration GRACE = Duration.ofSeconds(30);

    private StopSignals() {
    }

    static void install(OperatorStop stop, PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> received(stop, err,
                        new OperatorStop.Signal("SIG" + signal.getName(), signal.getNumber())));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (-Xrs): its default stands
            }
        }
    }

    private static void received(OperatorStop stop, PrintStream err, OperatorStop.Signal signal) {
        if (!stop.sending()) {
            err.println("bulletin: " + signal.name() + ": quitting; nothing was being sent.");
            err.flush();
            System.exit(signal.exitCode());
            return;
        }
        if (!stop.request(signal)) {
            quitNow(stop, err, signal, "quitting at once");
            return;
        }
        err.println("bulletin: " + signal.name() + ": stopping after " + stop.inFlight() + " (at most " + GRACE.toSeconds()
                + " s); again to quit at once.");
        err.flush();
        Thread watchdog = new Thread(() -> {
            try {
                if (!stop.awaitSendEnded(GRACE)) {
                    quitNow(stop, err, signal, "the relay did not finish within " + GRACE.toSeconds() + " s; quitting");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bulletin-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Halts without Spring's shutdown: rows of messages that never ended go back to PENDING first; the rest are recovered by the next run. */
    private static void quitNow(OperatorStop stop, PrintStream err, OperatorStop.Signal signal, String why) {
        try {
            stop.forcedQuit();
        } catch (RuntimeException e) {
            // the next run recovers whatever is left SENDING
        }
        err.println("bulletin: " + signal.name() + ": " + why + ". Run the same command again to go on"
                + " (messages whose answer was not heard will be IN_DOUBT).");
        err.flush();
        Runtime.getRuntime().halt(signal.exitCode());
    }
}
