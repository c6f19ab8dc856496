package bulletin.cli;

import bulletin.problem.Causes;
import bulletin.text.Spoken;
import bulletin.text.Words;

/** A failure as the operator reads it: Bulletin's own sentence in the chain ({@link Causes#firstOurs}), in these words. */
final class Said {

    private Said() {
    }

    static String failure(Throwable failure, Words words) {
        Throwable ours = Causes.firstOurs(failure);
        Throwable told = ours != null ? ours : failure;
        if (told instanceof Spoken spoken) {
            return spoken.sentence().in(words);
        }
        return told.getMessage() == null ? told.getClass().getSimpleName() : told.getMessage();
    }
}
