package bulletin.cli;

import bulletin.problem.Causes;
import bulletin.text.Spoken;
import bulletin.text.Words;

/**
 * A failure as the operator reads it, in these words: Bulletin's own sentence in the chain
 * ({@link Causes#firstOurs}), else the database's own first line ({@link Causes#databaseSays}), else
 * the failure's message.
 */
final class Said {

    private Said() {
    }

    static String failure(Throwable failure, Words words) {
        Throwable ours = Causes.firstOurs(failure);
        String database = ours == null ? Causes.databaseSays(failure) : null;
        if (database != null) {
            return words.format("failure.database", database);
        }
        Throwable told = ours != null ? ours : failure;
        if (told instanceof Spoken spoken) {
            return spoken.sentence().in(words);
        }
        return told.getMessage() == null ? told.getClass().getSimpleName() : told.getMessage();
    }
}
