package bulletin.relay;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.SmtpServer;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seam into Angus's private fields holds for the Angus this build ships: an upgrade that
 * renames one fails here, loudly, instead of a relay's replies being read without bounds in
 * production. Tried on a connected transport, not only by name.
 */
class AngusInternalsTest {

    private final SmtpServer server = new SmtpServer();
    private TrackedSmtpTransport transport;

    @BeforeEach
    void connect() throws Exception {
        server.start();
        Properties props = new Properties();
        props.put("mail.smtp.from", "bureau@amis.example");
        transport = new TrackedSmtpTransport(Session.getInstance(props),
                new URLName("smtp", "127.0.0.1", server.port(), null, null, null), true);
        transport.connect();
    }

    @AfterEach
    void close() throws Exception {
        transport.close();
        server.stop();
    }

    @Test
    void everyFieldTheTransportNeedsIsInThisAngus() {
        assertThat(AngusInternals.missing())
                .as("Angus Mail's SMTPTransport renamed these private fields: mend AngusInternals for this version")
                .isEmpty();
    }

    @Test
    void theStreamsAreTheConnectionsAndARememberedReplyIsAngusOwnLastReply() {
        assertThat(AngusInternals.serverOutput(transport)).isNotNull();
        assertThat(AngusInternals.serverInput(transport)).isNotNull();
        assertThat(transport.getLastServerResponse()).startsWith("250"); // EHLO's answer, read by our bounded reader

        AngusInternals.remember(transport, "452 4.5.3 too many recipients\n", 452);

        assertThat(transport.getLastServerResponse()).isEqualTo("452 4.5.3 too many recipients\n");
        assertThat(transport.getLastReturnCode()).isEqualTo(452);
    }
}
