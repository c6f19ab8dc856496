package bulletin.tls;

import bulletin.problem.UserError;

/** A certificate to trust that cannot be used as configured: the message says which and what to do. */
public class CertificateProblem extends RuntimeException implements UserError {

    public CertificateProblem(String message) {
        super(message);
    }
}
