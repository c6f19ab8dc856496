package bulletin.tls;

import bulletin.problem.UserError;
import bulletin.text.Sentence;
import bulletin.text.SpokenException;

/** A certificate to trust that cannot be used as configured: the message says which and what to do. */
public class CertificateProblem extends SpokenException implements UserError {

    public CertificateProblem(Sentence sentence) {
        super(sentence, null);
    }
}
