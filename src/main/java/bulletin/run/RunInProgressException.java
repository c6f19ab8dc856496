package bulletin.run;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/** A run that another process is sending right now: starting it here would mail people twice. */
public class RunInProgressException extends SpokenException implements UserError {

    RunInProgressException(String campaign, String period, String holder) {
        this(Sentence.of("run.in-progress", campaign, period, holder));
    }

    private RunInProgressException(Sentence sentence) {
        super(sentence, null);
    }
}
