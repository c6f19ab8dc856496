package bulletin.run;

import bulletin.text.Sentence;
import bulletin.text.Spoken;
import bulletin.problem.UserError;

/** The operator named a run that does not exist. */
public class RunNotFoundException extends RuntimeException implements UserError, Spoken {

    private final Sentence sentence;

    public RunNotFoundException(long runId) {
        this(Sentence.of("run.not-found", runId));
    }

    private RunNotFoundException(Sentence sentence) {
        super(sentence.english());
        this.sentence = sentence;
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
