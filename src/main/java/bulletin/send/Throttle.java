package bulletin.send;

import bulletin.relay.RelayProfile;
import bulletin.text.Sentence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A relay's budget — messages per second, recipients per hour and per day — over a sliding
 * window of minutes. It starts from what the ledger says the relay already took (all runs), so
 * limits hold across runs and restarts, and adds what this run sends.
 */
final class Throttle {

    /** What to do before the next message. */
    sealed interface Decision {
    }

    record Go() implements Decision {
    }

    /** @param budget the budget that makes the run wait ("200 recipients per hour"), null for the pace of messages */
    record Wait(Duration duration, String budget) implements Decision {
    }

    /**
     * The budget is spent for longer than a run should wait: stop, and resume after {@code resumeAt}.
     * {@code budget} names it ("the budget of relay 'mailbox' (200 recipients per hour)"); the caller
     * words the time, in the association's zone.
     */
    record Stop(Instant resumeAt, Sentence budget) implements Decision {
    }

    private final String relay;
    private final RelayProfile.Budget budget;
    private final Clock clock;
    /** Recipients taken per minute (epoch minute). */
    private final TreeMap<Long, Integer> minutes = new TreeMap<>();
    private Instant lastMessage;

    /** @param history recipients the relay took per epoch minute, over the last day */
    Throttle(String relay, RelayProfile.Budget budget, Map<Long, Integer> history, Clock clock) {
        this.relay = relay;
        this.budget = budget;
        this.clock = clock;
        minutes.putAll(history);
    }

    Decision before(int recipients) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        if (budget.messagesPerSecond() > 0 && lastMessage != null) {
            Duration gap = Duration.ofNanos((long) (1_000_000_000L / budget.messagesPerSecond()));
            Duration since = Duration.between(lastMessage, now);
            if (since.compareTo(gap) < 0) {
                wait = gap.minus(since);
            }
        }
        Instant hourFree = freeAt(now, Duration.ofHours(1), budget.recipientsPerHour(), recipients);
        Instant dayFree = freeAt(now, Duration.ofDays(1), budget.recipientsPerDay(), recipients);
        Instant free = hourFree.isAfter(dayFree) ? hourFree : dayFree;
        if (free.isAfter(now)) {
            Duration budgetWait = Duration.between(now, free);
            if (budgetWait.compareTo(budget.maxWait()) > 0) {
                return new Stop(free, Sentence.of("budget.of-relay", relay, limit(hourFree, dayFree, now)));
            }
            if (budgetWait.compareTo(wait) >= 0) {
                return new Wait(budgetWait, which(hourFree, dayFree, now));
            }
        }
        return wait.isZero() ? new Go() : new Wait(wait, null);
    }

    /** The limit that holds the run: the hour's, unless the day's holds it too. */
    private Sentence limit(Instant hourFree, Instant dayFree, Instant now) {
        return hourFree.isAfter(now) && !dayFree.isAfter(now) ? Sentence.of("budget.per-hour", budget.recipientsPerHour())
                : Sentence.of("budget.per-day", budget.recipientsPerDay());
    }

    /** The same, in English, as the send events keep it. */
    private String which(Instant hourFree, Instant dayFree, Instant now) {
        return hourFree.isAfter(now) && !dayFree.isAfter(now) ? budget.recipientsPerHour() + " recipients per hour"
                : budget.recipientsPerDay() + " recipients per day";
    }

    /** After a message: {@code recipients} were taken by the relay. */
    void sent(int recipients) {
        Instant now = clock.instant();
        lastMessage = now;
        if (recipients > 0) {
            minutes.merge(now.getEpochSecond() / 60, recipients, Integer::sum);
        }
    }

    /** When {@code recipients} more fit in the window, given the limit (now when they already fit). */
    private Instant freeAt(Instant now, Duration window, int limit, int recipients) {
        if (limit <= 0) {
            return now;
        }
        long nowMinute = now.getEpochSecond() / 60;
        long windowMinutes = window.toMinutes();
        minutes.headMap(nowMinute - 2 * 24 * 60).clear();
        int used = minutes.tailMap(nowMinute - windowMinutes + 1).values().stream().mapToInt(Integer::intValue).sum();
        if (used + recipients <= limit) {
            return now;
        }
        if (recipients > limit) {
            // A single message larger than the whole budget can never fit: let it wait for an empty window.
            recipients = limit;
        }
        int toFree = used + recipients - limit;
        for (Map.Entry<Long, Integer> minute : minutes.tailMap(nowMinute - windowMinutes + 1).entrySet()) {
            toFree -= minute.getValue();
            if (toFree <= 0) {
                return Instant.ofEpochSecond((minute.getKey() + windowMinutes) * 60);
            }
        }
        return now.plus(window);
    }
}
