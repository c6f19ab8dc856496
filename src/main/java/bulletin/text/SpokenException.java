package bulletin.text;

/**
 * A failure said as a {@link Sentence}: its message is the English one (the log file, a trace),
 * the terminal says it in {@code bulletin.locale}'s language.
 */
public abstract class SpokenException extends RuntimeException implements Spoken {

    private final transient Sentence sentence;

    protected SpokenException(Sentence sentence, Throwable cause) {
        super(sentence.english(), cause);
        this.sentence = sentence;
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
