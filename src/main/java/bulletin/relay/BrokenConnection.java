package bulletin.relay;

import bulletin.problem.Causes;
import bulletin.text.Sentence;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Why a connection to a relay broke, in words chosen by what broke it — the failure's type, or a
 * reply that never came — never by a library's text (Angus's "Exception reading response" would
 * reach a French operator as it is, and says nothing they can act on).
 */
final class BrokenConnection {

    private BrokenConnection() {
    }

    static Sentence why(Throwable failure) {
        RelayProtocolError protocol = Causes.find(failure, RelayProtocolError.class);
        if (protocol != null) {
            return protocol.sentence();
        }
        if (Causes.find(failure, SocketTimeoutException.class) != null) {
            return Sentence.of("relay.why.timeout");
        }
        if (Causes.find(failure, SSLException.class) != null) {
            return Sentence.of("relay.why.tls");
        }
        if (Causes.find(failure, EOFException.class) != null
                || (failure instanceof SMTPSendFailedException refused && refused.getReturnCode() < 0
                && Causes.find(failure, IOException.class) == null)) {
            // No reply at all: the relay closed the connection (the transport read its end).
            return Sentence.of("relay.why.closed");
        }
        if (Causes.find(failure, SocketException.class) != null) {
            return Sentence.of("relay.why.cut");
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Sentence.of("relay.why.other", root.getClass().getSimpleName());
    }
}
