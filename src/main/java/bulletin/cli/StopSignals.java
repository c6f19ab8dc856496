package bulletin.cli;

import bulletin.stop.OperatorStop;
import bulletin.text.Words;
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
 *
 * <p><b>Threads.</b> The JVM's signal handlers run on threads of their own: they set {@link
 * OperatorStop}'s state, print, and start a watchdog thread; a quit at once (a second signal, or
 * the watchdog after the grace) runs the send loop's tidy-up on that thread, then halts. The send
 * step's own thread does an orderly stop.
 */
final class StopSignals {

    static final Duration GRACE = Duration.ofSeconds(30);

    private StopSignals() {
    }

    static void install(OperatorStop stop, PrintStream err, Words words) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> received(stop, err, words,
                        new OperatorStop.Signal("SIG" + signal.getName(), signal.getNumber())));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (-Xrs): its default stands
            }
        }
    }

    private static void received(OperatorStop stop, PrintStream err, Words words, OperatorStop.Signal signal) {
        if (!stop.sending()) {
            err.println("bulletin: " + words.format("stop.nothing-sent", signal.name()));
            err.flush();
            System.exit(signal.exitCode());
            return;
        }
        if (!stop.request(signal)) {
            quitNow(stop, err, words, signal, words.get("stop.at-once"));
            return;
        }
        err.println("bulletin: " + words.format("stop.stopping", signal.name(), words.get("stop.waits-for." + stop.inFlight()),
                GRACE.toSeconds()));
        err.flush();
        Thread watchdog = new Thread(() -> {
            try {
                if (!stop.awaitSendEnded(GRACE)) {
                    quitNow(stop, err, words, signal, words.format("stop.relay-slow", GRACE.toSeconds()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bulletin-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Halts without Spring's shutdown: rows of messages that never ended go back to PENDING first; the rest are recovered by the next run. */
    private static void quitNow(OperatorStop stop, PrintStream err, Words words, OperatorStop.Signal signal, String why) {
        try {
            stop.forcedQuit();
        } catch (RuntimeException e) {
            // the next run recovers whatever is left on the wire
        }
        err.println("bulletin: " + words.format("stop.quit", signal.name(), why));
        err.flush();
        Runtime.getRuntime().halt(signal.exitCode());
    }
}
