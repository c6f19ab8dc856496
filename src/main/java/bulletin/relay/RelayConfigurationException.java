package bulletin.relay;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.Spoken;

/** A relay profile that cannot work as configured; said before any connection is made. */
public class RelayConfigurationException extends RuntimeException implements UserError, Spoken {

    private final Sentence sentence;

    RelayConfigurationException(Sentence sentence) {
        super(sentence.english());
        this.sentence = sentence;
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
