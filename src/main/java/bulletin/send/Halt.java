package bulletin.send;

import bulletin.text.Sentence;
import java.time.Instant;

/**
 * Why a run stops once the current round is recorded (restartable, nothing lost): the operator
 * asked, or a relay's budget is spent.
 *
 * @param said     what the run's summary says
 * @param resumeAt when a spent budget allows the run to go on; null when the operator stopped it
 */
public record Halt(Sentence said, Instant resumeAt) {

    /** In English, as the log file and the run's record keep it. */
    public String reason() {
        return said.english();
    }
}
