package bulletin.relay;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries again what a relay did not take, per address: addresses deferred at RCPT (4xx:
 * greylisting, too many recipients) go in a later transaction; a transaction that failed at MAIL
 * or DATA, timed out or lost its connection is tried again on a fresh connection. Waits grow
 * exponentially with jitter. After the last try the addresses are reported deferred, with the
 * last reply. Never retried: refused addresses (5xx), fatal failures (credentials, TLS), and a
 * message that may already have left.
 */
final class RetryingRelay implements Relay {

    private static final Logger log = LoggerFactory.getLogger(RetryingRelay.class);

    /** How the relay waits; tests replace it to run without sleeping. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Relay delegate;
    private final RelayProfile.Retry retry;
    private final Sleeper sleeper;

    RetryingRelay(Relay delegate, RelayProfile.Retry retry, Sleeper sleeper) {
        this.delegate = delegate;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    RetryingRelay(Relay delegate, RelayProfile.Retry retry) {
        this(delegate, retry, duration -> Thread.sleep(duration.toMillis()));
    }

    @Override
    public Session session() {
        return delegate.session();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public DeliveryReport send(MimeMessage message, List<String> envelope) {
        Map<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        List<String> remaining = envelope;
        for (int attempt = 1; ; attempt++) {
            List<String> deferred = new ArrayList<>();
            try {
                DeliveryReport report = delegate.send(message, remaining);
                for (String address : remaining) {
                    RecipientOutcome outcome = report.outcome(address);
                    outcomes.put(address, outcome);
                    if (outcome == null || outcome instanceof RecipientOutcome.Deferred) {
                        deferred.add(address);
                    }
                }
            } catch (RelayException e) {
                if (e.fatal() || e.mayHaveLeft() || (isConnect(e) && attempt >= retry.maxAttempts())) {
                    // Never again: credentials, TLS, a message that may have left; or the relay cannot be
                    // reached at all, and the run stops, restartable, with these recipients still pending.
                    throw e;
                }
                for (String address : remaining) {
                    outcomes.put(address, new RecipientOutcome.Deferred(e.getMessage()));
                }
                deferred.addAll(remaining);
            }
            if (deferred.isEmpty() || attempt >= retry.maxAttempts()) {
                return new DeliveryReport(order(envelope, outcomes));
            }
            Duration wait = backoff(attempt);
            log.info("{} of {} recipients not taken by {} (try {} of {}); trying again in {} ms", deferred.size(),
                    remaining.size(), delegate.description(), attempt, retry.maxAttempts(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DeliveryReport(order(envelope, outcomes));
            }
            remaining = deferred;
        }
    }

    private static boolean isConnect(RelayException e) {
        return e instanceof SmtpRelay.ConnectException;
    }

    /** Exponential from the initial wait, capped, with up to half of it as random jitter. */
    Duration backoff(int attempt) {
        long base = retry.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, retry.maxBackoff().toMillis());
        long jitter = capped <= 1 ? 0 : ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(capped / 2 + jitter + capped % 2);
    }

    private static Map<String, RecipientOutcome> order(List<String> envelope, Map<String, RecipientOutcome> outcomes) {
        Map<String, RecipientOutcome> ordered = new LinkedHashMap<>();
        envelope.forEach(address -> ordered.put(address, outcomes.get(address)));
        return ordered;
    }

    @Override
    public boolean dataEnded() {
        return delegate.dataEnded();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
