package bulletin.relay;

import bulletin.text.TerminalWords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Tries again what a relay did not take, per address: addresses deferred at RCPT (4xx:
 * greylisting) go in a later transaction; those beyond the relay's cap of recipients per message
 * (452 too many recipients) go in the next one at once, and later messages respect the cap; a transaction that failed at MAIL
 * or DATA, timed out or lost its connection is tried again on a fresh connection. Waits grow
 * exponentially with jitter. After the last try the addresses are reported deferred, with the
 * last reply. Never retried: refused addresses (5xx), fatal failures (credentials, TLS), and a
 * message that may already have left.
 *
 * <p><b>Threads.</b> One thread at a time sends through it; the recipient cap it learns from a 452
 * is shared with the other connections of its pool, hence the atomic integer.
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
    private final BackOff backOff;
    /** Recipients per transaction the relay takes (0: unknown), learnt from a 452 and shared by the run's connections. */
    private final AtomicInteger cap;

    RetryingRelay(Relay delegate, RelayProfile.Retry retry, Sleeper sleeper, AtomicInteger cap) {
        this.delegate = delegate;
        this.retry = retry;
        this.sleeper = sleeper;
        this.cap = cap;
        this.backOff = backOff(retry);
    }

    RetryingRelay(Relay delegate, RelayProfile.Retry retry, AtomicInteger cap) {
        this(delegate, retry, duration -> Thread.sleep(duration.toMillis()), cap);
    }

    @Override
    public void connect() {
        delegate.connect();
    }

    @Override
    public boolean smtpUtf8() {
        return delegate.smtpUtf8();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    /**
     * Each SMTP transaction after the first (or a first one smaller than the envelope) is announced
     * to {@code journal} before it starts, with what the earlier ones settled. A lost answer in a
     * message split in several transactions puts that transaction's recipients in doubt and the
     * rest go on over a new connection (once: a second loss stops the message); a failure that
     * stops the run after some transactions were answered returns their outcomes with the failure,
     * the others having none (they were never handed over).
     */
    @Override
    public DeliveryReport send(ComposedMessage message, List<String> envelope, SendJournal journal) {
        Map<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>(envelope);
        BackOffExecution waits = backOff.start();
        List<DeliveryReport.Retry> retries = new ArrayList<>();
        boolean firstTransaction = true;
        boolean lostOne = false;
        for (int attempt = 1; ; attempt++) {
            List<String> deferred = new ArrayList<>();
            while (!queue.isEmpty()) {
                // At most the relay's known cap per transaction; the rest in the next, at once.
                int size = cap.get() > 0 ? Math.min(cap.get(), queue.size()) : queue.size();
                List<String> batch = new ArrayList<>(queue.subList(0, size));
                queue.subList(0, size).clear();
                if (!firstTransaction || batch.size() < envelope.size()) {
                    journal.starting(batch, outcomes);
                }
                firstTransaction = false;
                try {
                    DeliveryReport report = delegate.send(message, batch, journal);
                    List<String> tooMany = new ArrayList<>();
                    for (String address : batch) {
                        RecipientOutcome outcome = report.outcome(address);
                        outcomes.put(address, outcome);
                        if (isTooManyRecipients(outcome)) {
                            tooMany.add(address);
                        } else if (outcome == null || outcome instanceof RecipientOutcome.Deferred) {
                            deferred.add(address);
                        }
                    }
                    if (!tooMany.isEmpty() && tooMany.size() < batch.size()) {
                        // RFC 5321 4.5.3.1.10: the relay took the message for the recipients before its cap;
                        // the others go in a new transaction now, not after a backoff.
                        learnCap(batch.size() - tooMany.size());
                        queue.addAll(0, tooMany);
                    } else {
                        deferred.addAll(tooMany);
                    }
                } catch (RelayException e) {
                    if (e.mayHaveLeft()) {
                        journal.lost(batch, e.getMessage());
                        if (!settledAny(outcomes) && queue.isEmpty() && deferred.isEmpty()) {
                            throw e; // the whole message in one transaction: the caller handles its loss
                        }
                        batch.forEach(address -> outcomes.put(address, new RecipientOutcome.InDoubt(e.getMessage())));
                        if (lostOne) {
                            return stopped(envelope, outcomes, retries, e, queue, deferred);
                        }
                        lostOne = true;
                        log.warn(TerminalWords.key("log.part-lost-relay"), "{}: the answer to a part of a message was lost ({}"
                                + " recipients in doubt); the other {} go on over a new connection", delegate.description(),
                                batch.size(), queue.size());
                        continue;
                    }
                    if (e.fatal() || (e.kind() == RelayException.Kind.UNREACHABLE && attempt >= retry.maxAttempts())) {
                        // Never again: credentials, TLS; or the relay cannot be reached at all, and the run stops,
                        // restartable, with these recipients still pending.
                        if (settledAny(outcomes)) {
                            batch.addAll(queue);
                            return stopped(envelope, outcomes, retries, e, batch, deferred);
                        }
                        throw e;
                    }
                    batch.addAll(queue); // the connection failed: the rest of this attempt waits too
                    queue.clear();
                    for (String address : batch) {
                        outcomes.put(address, new RecipientOutcome.Deferred(e.getMessage()));
                    }
                    deferred.addAll(batch);
                }
            }
            if (deferred.isEmpty() || attempt >= retry.maxAttempts()) {
                return new DeliveryReport(order(envelope, outcomes), retries);
            }
            Duration wait = Duration.ofMillis(waits.nextBackOff());
            log.info(TerminalWords.key("log.deferred"), "{} of {} recipients not taken by {} (try {} of {}); trying again"
                    + " in {} ms", deferred.size(),
                    envelope.size(), delegate.description(), attempt, retry.maxAttempts(), wait.toMillis());
            retries.add(new DeliveryReport.Retry(Instant.now(), deferred.size(), wait, reply(outcomes.get(deferred.get(0)))));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DeliveryReport(order(envelope, outcomes), retries);
            }
            queue = deferred;
        }
    }

    /** Whether an earlier transaction of the message has a definite outcome (taken, refused or in doubt). */
    private static boolean settledAny(Map<String, RecipientOutcome> outcomes) {
        return outcomes.values().stream().anyMatch(outcome -> outcome instanceof RecipientOutcome.Accepted
                || outcome instanceof RecipientOutcome.Refused || outcome instanceof RecipientOutcome.InDoubt);
    }

    /** The message stops here: what was settled stands, the addresses never handed over (or deferred) have no outcome. */
    private static DeliveryReport stopped(List<String> envelope, Map<String, RecipientOutcome> outcomes,
                                          List<DeliveryReport.Retry> retries, RelayException why, List<String> unsent,
                                          List<String> deferred) {
        unsent.forEach(outcomes::remove);
        deferred.forEach(outcomes::remove);
        Map<String, RecipientOutcome> settled = new LinkedHashMap<>();
        envelope.stream().filter(outcomes::containsKey).forEach(address -> settled.put(address, outcomes.get(address)));
        return new DeliveryReport(settled, retries, why);
    }

    private static String reply(RecipientOutcome outcome) {
        return outcome == null ? null : outcome.reply();
    }

    /** 452 with 4.5.3, or its words: the relay's limit of recipients per message, not a temporary failure. */
    static boolean isTooManyRecipients(RecipientOutcome outcome) {
        if (!(outcome instanceof RecipientOutcome.Deferred deferred) || deferred.reply() == null) {
            return false;
        }
        String reply = deferred.reply().strip().toLowerCase(Locale.ROOT);
        return reply.startsWith("452") && (reply.contains("4.5.3") || reply.contains("too many recipients"));
    }

    private void learnCap(int took) {
        int known = cap.get();
        if ((known == 0 || took < known) && cap.compareAndSet(known, took)) {
            log.info(TerminalWords.key("log.recipient-cap"), "{} takes at most {} recipients per message (452 too many"
                    + " recipients): the run's messages now go in envelopes of {}", delegate.description(), took, took);
        }
    }

    /**
     * Doubling from the initial wait up to the longest, each wait moved by up to half the initial
     * one at random, so that the connections of a run (or several runs) do not retry in step.
     */
    private static BackOff backOff(RelayProfile.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxBackoff().toMillis());
        backOff.setJitter(retry.initialBackoff().toMillis() / 2);
        return backOff;
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
