package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.relay.RelayFactory;
import bulletin.support.MailjetFake;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mailjet's API read defensively: whatever the endpoint answers — pages without end, a body of
 * tens of megabytes, a body that trickles, a web page — the read stops within its bounds with one
 * sentence, and the key never goes out over plain http to anything but this machine.
 */
class MailjetApiDefencesTest {

    private static final RelayFactory.MailjetAccount ACCOUNT = new RelayFactory.MailjetAccount("key", "secret");
    private final MailjetFake mailjet = new MailjetFake("key", "secret");

    @AfterEach
    void stop() {
        mailjet.close();
    }

    private MailjetApi api(Duration deadline) {
        return new MailjetApi(mailjet.base(), ACCOUNT, Duration.ofMillis(10), deadline);
    }

    @Test
    void anHttpAddressOtherThanThisMachineIsRefusedBeforeTheKeyLeaves() {
        assertThatThrownBy(() -> new MailjetApi(URI.create("http://api.mailjet.com"), ACCOUNT, Duration.ofMillis(10),
                Duration.ofSeconds(5)))
                .isInstanceOf(MailjetApi.MailjetException.class)
                .hasMessage("bulletin.feedback.mailjet-api must be an https:// address, not http://api.mailjet.com: over"
                        + " http:// the API key and secret would cross the network in clear");
        assertThat(mailjet.requests()).isEmpty();
    }

    @Test
    void pagesWithoutEndStopAtTheBound() {
        mailjet.hostile(MailjetFake.Hostile.ENDLESS_PAGES);

        assertThatThrownBy(() -> api(Duration.ofSeconds(30)).messages(1))
                .isInstanceOf(MailjetApi.MailjetException.class)
                .hasMessageContaining("more than " + MailjetApi.MAX_PAGES + " pages");
        assertThat(mailjet.requests()).hasSize(MailjetApi.MAX_PAGES);
    }

    @Test
    void aBodyPastTheBoundIsNotReadWhole() {
        mailjet.hostile(MailjetFake.Hostile.HUGE_BODY);

        assertThatThrownBy(() -> api(Duration.ofSeconds(60)).messages(1))
                .isInstanceOf(MailjetApi.MailjetException.class)
                .hasMessageContaining("answered more than 16 MB to one request");
    }

    @Test
    void aTricklingBodyMeetsTheDeadlineOfTheWholeAnswer() {
        mailjet.hostile(MailjetFake.Hostile.TRICKLE);

        assertThatThrownBy(() -> api(Duration.ofSeconds(2)).messages(1))
                .isInstanceOf(MailjetApi.MailjetException.class)
                .hasMessage("Mailjet's API did not answer within 2 s (bulletin.feedback.mailjet-timeout): nothing was"
                        + " changed; the next read tries again");
    }

    /**
     * Nothing listening: one sentence without "null", at once. The first wait before a try again is
     * an hour here, so a read that retried would not end within the test's timeout.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
    void anApiThatCannotBeReachedIsSaidInOneSentenceWithoutRetries() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        MailjetApi api = new MailjetApi(URI.create("http://127.0.0.1:" + closed), ACCOUNT, Duration.ofHours(1),
                Duration.ofSeconds(30));

        assertThatThrownBy(() -> api.messages(1)).isInstanceOf(MailjetApi.MailjetException.class)
                .hasMessage("cannot reach Mailjet's API at http://127.0.0.1:" + closed + " (the connection was refused or"
                        + " could not be made): nothing was changed; the next read tries again")
                .hasMessageNotContaining("null");
    }

    @Test
    void anAnswerThatIsNotJsonIsNamedInOneSentence() {
        mailjet.hostile(MailjetFake.Hostile.HTML);

        assertThatThrownBy(() -> api(Duration.ofSeconds(30)).messages(1))
                .isInstanceOf(MailjetApi.MailjetException.class)
                .hasMessage("Mailjet's API answered /v3/REST/message with something that is not JSON (text/html, starting"
                        + " \"<!DOCTYPE html><html><head><title>Portail</title></head><bod\"): is"
                        + " bulletin.feedback.mailjet-api Mailjet's API?");
    }
}
