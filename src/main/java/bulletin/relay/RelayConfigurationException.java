package bulletin.relay;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/** A relay profile that cannot work as configured; said before any connection is made. */
public class RelayConfigurationException extends SpokenException implements UserError {

    RelayConfigurationException(Sentence sentence) {
        super(sentence, null);
    }
}
