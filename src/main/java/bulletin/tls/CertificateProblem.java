package bulletin.tls;

import bulletin.text.Spoken;
import bulletin.text.Sentence;
import bulletin.problem.UserError;

/** A certificate to trust that cannot be used as configured: the message says which and what to do. */
public class CertificateProblem extends RuntimeException implements UserError, Spoken {

    private final Sentence sentence;

    public CertificateProblem(Sentence sentence) {
        super(sentence.english());
        this.sentence = sentence;
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
