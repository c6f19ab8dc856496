package bulletin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.message.Letter;
import bulletin.message.MessageComposer;
import bulletin.message.RenderedContent;
import bulletin.support.GreenMailTls;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestCertificate;
import bulletin.tls.Security;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS and AUTH against real servers: STARTTLS and AUTH on the suite's own SMTP server, implicit
 * TLS on GreenMail, with a certificate made for the test; checks stay on.
 */
class RelayTlsTest {

    private static final String PASSWORD = "s3cret-Password-0123456789";
    private static TestCertificate certificate;
    private static TestCertificate otherHost;

    private final ScriptedSmtpServer server = new ScriptedSmtpServer();

    @BeforeAll
    static void certificates() throws Exception {
        Path dir = Path.of("target", "test-certificates").toAbsolutePath();
        certificate = TestCertificate.create(dir, "localhost");
        otherHost = TestCertificate.forOtherHost(dir, "relay.other.example");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static BoundRelays profile(int port, Security security, String password, Path trust) {
        BoundRelays relays = BoundRelays.plain("test", port).relay("test", "security", security.name().toLowerCase())
                .relay("test", "username", "apikey");
        if (password != null) {
            relays.relay("test", "password", password);
        }
        return trust == null ? relays : relays.relay("test", "trust-certificate", trust);
    }

    private static Relay open(BoundRelays relays) {
        return relays.factory().open("test", "bureau@amis.example", Path.of("x"));
    }

    private static ComposedMessage message(Relay relay) {
        String messageId = "<1@amis.example>";
        return new ComposedMessage(messageId, new MessageComposer(java.time.ZoneId.of("Pacific/Noumea")).bytes(relay.smtpUtf8(),
                new Letter("bureau@amis.example", null, Letter.UNDISCLOSED, new RenderedContent("s", null, "t")), messageId, Map.of()));
    }

    @Test
    void sendsOverStartTlsWithAuthToATrustedCertificate() throws Exception {
        server.withTls(certificate.serverContext()).withCredentials("apikey", PASSWORD);
        try (Relay relay = open(profile(server.port(), Security.STARTTLS, PASSWORD, certificate.pem()))) {
            DeliveryReport report = relay.send(message(relay), List.of("a@example.org"));
            assertThat(report.outcome("a@example.org")).isInstanceOf(RecipientOutcome.Accepted.class);
        }
        assertThat(server.authAttempts()).isEqualTo(1);
        assertThat(server.acceptedRecipients()).containsExactly("a@example.org");
    }

    @Test
    void aBadPasswordIsOneFailedLoginThatStopsWithoutRetryAndNeverShowsThePassword() throws Exception {
        server.withTls(certificate.serverContext()).withCredentials("apikey", "the-right-one");
        try (Relay relay = open(profile(server.port(), Security.STARTTLS, PASSWORD, certificate.pem()))) {
            assertThatThrownBy(() -> relay.send(message(relay), List.of("a@example.org")))
                    .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.fatal()).isTrue())
                    .hasMessageContaining("refused the credentials")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
        }
        assertThat(server.authAttempts()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.accepted()).isEmpty();
    }

    @Test
    void anUntrustedCertificateStopsBeforeLoggingInAndIsNotRetried() throws Exception {
        server.withTls(certificate.serverContext()).withCredentials("apikey", PASSWORD);
        try (Relay relay = open(profile(server.port(), Security.STARTTLS, PASSWORD, null))) {
            assertThatThrownBy(() -> relay.send(message(relay), List.of("a@example.org")))
                    .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.fatal()).isTrue())
                    .hasMessageContaining("TLS").hasMessageContaining("trust-certificate");
        }
        assertThat(server.authAttempts()).isZero();
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() throws Exception {
        server.withTls(otherHost.serverContext()).withCredentials("apikey", PASSWORD);
        try (Relay relay = open(profile(server.port(), Security.STARTTLS, PASSWORD, otherHost.pem()))) {
            assertThatThrownBy(() -> relay.send(message(relay), List.of("a@example.org")))
                    .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.fatal()).isTrue())
                    .hasMessageContaining("TLS");
        }
        assertThat(server.authAttempts()).isZero();
    }

    @Test
    void aServerWithoutStartTlsNeverSeesTheCredentials() {
        server.withCredentials("apikey", PASSWORD);
        try (Relay relay = open(profile(server.port(), Security.STARTTLS, PASSWORD, certificate.pem()))) {
            assertThatThrownBy(() -> relay.send(message(relay), List.of("a@example.org")))
                    .isInstanceOfSatisfying(RelayException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RelayException.Kind.SETUP);
                        assertThat(e.fatal()).isTrue();
                    })
                    .hasMessageContaining("does not offer STARTTLS");
        }
        assertThat(server.authAttempts()).isZero();
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void sendsOverImplicitTlsWithAuthToGreenMail() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestCertificate greenMailCertificate = GreenMailTls.certificate();
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.setUser("bureau@amis.example", "apikey", PASSWORD);
        greenMail.start();
        try (Relay relay = open(profile(port, Security.SSL, PASSWORD, greenMailCertificate.pem()))) {
            DeliveryReport report = relay.send(message(relay), List.of("a@example.org", "b@example.org"));
            assertThat(report.outcomes().values()).allMatch(o -> o instanceof RecipientOutcome.Accepted);
            assertThat(greenMail.getReceivedMessages()).hasSize(2);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void profilesThatCannotWorkAreExplainedBeforeConnecting() {
        RelayFactory factory = new BoundRelays()
                .relay("card", "host", "in-v3.mailjet.com").relay("card", "port", 587).relay("card", "security", "ssl")
                .relay("card", "username", "key").relay("card", "password", "secret")
                .relay("backwards", "host", "ssl0.ovh.net").relay("backwards", "port", 465)
                .relay("backwards", "security", "starttls").relay("backwards", "username", "me")
                .relay("backwards", "password", "secret")
                .relay("clear", "host", "relay.example").relay("clear", "port", 25).relay("clear", "security", "none")
                .relay("clear", "username", "me").relay("clear", "password", PASSWORD)
                .factory();

        assertThat(factory.effective("card").security()).isEqualTo(Security.STARTTLS);
        assertThatThrownBy(() -> factory.check("backwards")).isInstanceOf(RelayConfigurationException.class)
                .hasMessageContaining("STARTTLS on port 465").hasMessageContaining("ssl");
        assertThatThrownBy(() -> factory.check("clear")).isInstanceOf(RelayConfigurationException.class)
                .hasMessageContaining("security 'none'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
}
