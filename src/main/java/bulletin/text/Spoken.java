package bulletin.text;

/**
 * A failure whose message is a {@link Sentence}: the terminal writes it in the operator's
 * language, while {@code getMessage()} keeps the English one for the log file.
 */
public interface Spoken {

    Sentence sentence();

    /** A failure's sentence: its own when it has one, else its message as it is. */
    static Sentence of(Throwable failure) {
        return failure instanceof Spoken spoken ? spoken.sentence()
                : Sentence.of("text", failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    /** The first failure in the chain with a sentence, written in {@code words}; else the message of {@code failure}. */
    static String say(Throwable failure, Words words) {
        int guard = 0;
        for (Throwable t = failure; t != null && guard++ < 50; t = t.getCause()) {
            if (t instanceof Spoken spoken) {
                return spoken.sentence().in(words);
            }
            if (t.getClass().getPackageName().startsWith("bulletin.") && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
