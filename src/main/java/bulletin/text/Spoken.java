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
}
