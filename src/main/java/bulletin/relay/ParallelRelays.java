package bulletin.relay;

import bulletin.text.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several connections to one relay, each with its own thread: over a real network each message
 * costs round trips (two with PIPELINING, one per recipient without), so throughput also comes
 * from connections in parallel. The caller hands over at most one message per connection at a
 * time and gets each one's outcome back; ledger writes stay with the caller's thread.
 *
 * <p><b>Threads.</b> Called from the send step's thread only; each connection's message goes on a
 * thread of its own, and {@link #mayHaveLeft} may be asked from any thread (see {@link
 * Relay#dataEnded}).
 */
public final class ParallelRelays implements AutoCloseable {

    /** One message, its envelope, and where its transactions are recorded as they go. */
    public record Outgoing(ComposedMessage message, List<String> envelope, SendJournal journal) {
    }

    /** What became of one message: a report, or the failure of the whole message. */
    public record Attempt(DeliveryReport report, RelayException failure) {
    }

    private final List<Relay> relays;
    private final ExecutorService threads;
    /** Whether one connection has logged in: after that, the others log in as they open. */
    private boolean loggedIn;

    ParallelRelays(List<Relay> relays) {
        this.relays = List.copyOf(relays);
        this.threads = relays.size() == 1 ? null : Executors.newFixedThreadPool(relays.size(), runnable -> {
            Thread thread = new Thread(runnable, "bulletin-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether the messages may be composed with UTF-8 headers (see {@link Relay#smtpUtf8}). */
    public boolean smtpUtf8() {
        return relays.get(0).smtpUtf8();
    }

    public String description() {
        return relays.get(0).description() + (relays.size() > 1 ? " ×" + relays.size() : "");
    }

    /** Whether message i of the round being sent may have reached its relay (see {@link Relay#dataEnded}). */
    public boolean mayHaveLeft(int i) {
        return relays.get(i).dataEnded();
    }

    /** Sends message i through connection i, all at once; waits for every one. */
    public List<Attempt> send(List<Outgoing> round) {
        if (round.size() > relays.size()) {
            throw new IllegalArgumentException(round.size() + " messages for " + relays.size() + " connections");
        }
        if (threads == null) {
            return List.of(attempt(relays.get(0), round.get(0)));
        }
        if (!loggedIn) {
            // The first connection logs in alone: refused credentials are tried once in all, not
            // once per connection, and every message of the round fails with that one refusal.
            try {
                relays.get(0).connect();
                loggedIn = true;
            } catch (RelayException e) {
                if (e.fatal()) {
                    return round.stream().map(outgoing -> new Attempt(null, e)).toList();
                }
                // A relay not reached yet: each connection tries (and retries) on its own, as before.
            }
        }
        List<Future<Attempt>> futures = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            Relay relay = relays.get(i);
            Outgoing outgoing = round.get(i);
            futures.add(threads.submit(() -> attempt(relay, outgoing)));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Future<Attempt> future : futures) {
            try {
                attempts.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                attempts.add(new Attempt(null, new RelayException(RelayException.Kind.MAY_HAVE_LEFT,
                        Sentence.of("relay.interrupted"), e)));
            } catch (ExecutionException e) {
                attempts.add(new Attempt(null, new RelayException(RelayException.Kind.MAY_HAVE_LEFT,
                        Sentence.of("relay.thread-failed", e.getCause().getClass().getSimpleName()), e.getCause())));
            }
        }
        return attempts;
    }

    private static Attempt attempt(Relay relay, Outgoing outgoing) {
        try {
            return new Attempt(relay.send(outgoing.message(), outgoing.envelope(), outgoing.journal()), null);
        } catch (RelayException e) {
            return new Attempt(null, e);
        }
    }

    @Override
    public void close() {
        relays.forEach(Relay::close);
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
