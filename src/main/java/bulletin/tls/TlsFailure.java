package bulletin.tls;

import bulletin.problem.Causes;
import bulletin.text.Sentence;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/**
 * What a failed TLS handshake means, in words the operator can act on: Java's own messages name
 * internal classes ({@code sun.security.provider.certpath.SunCertPathBuilderException}) and say
 * nothing of what to do.
 */
public final class TlsFailure {

    private TlsFailure() {
    }

    /** @param server what was connected to, for the message: "relay", "mailbox" */
    public static Sentence describe(SSLException failure, String server) {
        Sentence who = Sentence.of("tls.who." + server);
        CertificateExpiredException expired = Causes.find(failure, CertificateExpiredException.class);
        if (expired != null) {
            return Sentence.of("tls.expired", who, plain(expired.getMessage()));
        }
        CertificateNotYetValidException early = Causes.find(failure, CertificateNotYetValidException.class);
        if (early != null) {
            return Sentence.of("tls.not-yet-valid", who, plain(early.getMessage()));
        }
        String message = String.valueOf(failure.getMessage());
        if (Causes.find(failure, CertPathBuilderException.class) != null || message.contains("PKIX path")) {
            return Sentence.of("tls.untrusted", who);
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return Sentence.of("tls.other-host", who, plain(message));
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return Sentence.of("tls.not-tls", who);
        }
        return Sentence.of("text", plain(message));
    }

    /** A message without the class names Java puts in front of its causes. */
    private static String plain(String message) {
        if (message == null) {
            return "no reason given";
        }
        String text = message.strip();
        int colon;
        while ((colon = text.indexOf(": ")) > 0 && text.substring(0, colon).matches("[a-z][\\w.$]*\\.[A-Z]\\w*(Exception|Error)")) {
            text = text.substring(colon + 2).strip();
        }
        return text;
    }
}
