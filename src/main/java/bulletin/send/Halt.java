package bulletin.send;

import java.time.Instant;

/**
 * Why a run stops once the current round is recorded (restartable, nothing lost): the operator
 * asked, or a relay's budget is spent.
 *
 * @param reason   what the run's summary says
 * @param resumeAt when a spent budget allows the run to go on; null when the operator stopped it
 */
public record Halt(String reason, Instant resumeAt) {
}
