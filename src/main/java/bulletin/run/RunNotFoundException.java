package bulletin.run;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/** The operator named a run that does not exist. */
public class RunNotFoundException extends SpokenException implements UserError {

    public RunNotFoundException(long runId) {
        this(Sentence.of("run.not-found", runId));
    }

    private RunNotFoundException(Sentence sentence) {
        super(sentence, null);
    }
}
