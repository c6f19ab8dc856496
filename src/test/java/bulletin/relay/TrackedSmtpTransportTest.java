package bulletin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.support.ScriptedSmtpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fast layer's specification of the pipelining transport on its own, against an in-test SMTP
 * server: commands written together, replies read in order, the end of data noted, and a relay
 * that accepts DATA for a transaction with no recipient left never sent a message.
 */
class TrackedSmtpTransportTest {

    private final ScriptedSmtpServer server = new ScriptedSmtpServer();
    private TrackedSmtpTransport transport;

    @AfterEach
    void stop() throws MessagingException {
        if (transport != null && transport.isConnected()) {
            transport.close();
        }
        server.close();
    }

    private static Session session(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.from", "bureau@amis.example");
        props.put("mail.smtp.sendpartial", "true");
        // Generous: a client that waits for each reply from a server that holds them must fail, not hang.
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.connectiontimeout", "20000");
        return Session.getInstance(props);
    }

    private TrackedSmtpTransport connect(int port, boolean pipelining) throws MessagingException {
        Session session = session(port);
        transport = new TrackedSmtpTransport(session, new URLName("smtp", "127.0.0.1", port, null, null, null),
                pipelining);
        transport.connect();
        return transport;
    }

    private static MimeMessage letter(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("bureau@amis.example");
        message.setSubject("La lettre");
        message.setText("Bonjour.\n", "UTF-8");
        return message;
    }

    private static Address[] to(String... addresses) throws MessagingException {
        Address[] all = new Address[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            all[i] = new InternetAddress(addresses[i]);
        }
        return all;
    }

    @Test
    void withPipeliningEveryCommandOfAMessageGoesOutBeforeTheFirstReply() throws Exception {
        server.holdingRepliesUntilData(); // answers MAIL and RCPT only once DATA arrived
        TrackedSmtpTransport smtp = connect(server.port(), true);

        assertThat(smtp.pipelines()).isTrue();
        smtp.sendMessage(letter(session(server.port())), to("a@amis.example", "b@amis.example", "c@amis.example"));

        assertThat(smtp.dataEnding()).isTrue();
        assertThat(server.commandsAheadOfMailReply()).isEqualTo(1);
        assertThat(server.accepted()).singleElement().satisfies(transaction ->
                assertThat(transaction.recipients()).containsExactly("a@amis.example", "b@amis.example", "c@amis.example"));
    }

    @Test
    void turnedOffItWaitsForEachReplyLikeAngus() throws Exception {
        server.advertisingPipelining();
        TrackedSmtpTransport smtp = connect(server.port(), false);

        assertThat(smtp.pipelines()).isFalse();
        smtp.sendMessage(letter(session(server.port())), to("a@amis.example", "b@amis.example"));

        assertThat(server.commandsAheadOfMailReply()).isZero();
        assertThat(server.acceptedRecipients()).containsExactly("a@amis.example", "b@amis.example");
    }

    @Test
    void aRefusedAddressMidBatchIsReportedAndTheOthersGetTheMessage() throws Exception {
        server.advertisingPipelining().answeringRcpt(address -> address.startsWith("b@")
                ? "550 5.1.1 <b@amis.example>: Recipient address rejected: User unknown" : null);
        TrackedSmtpTransport smtp = connect(server.port(), true);

        assertThatThrownBy(() -> smtp.sendMessage(letter(session(server.port())),
                to("a@amis.example", "b@amis.example", "c@amis.example")))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> assertThat(((SendFailedException) e).getInvalidAddresses())
                        .extracting(Address::toString).containsExactly("b@amis.example"));

        assertThat(server.commandsAheadOfMailReply()).isEqualTo(1);
        assertThat(server.accepted()).singleElement().satisfies(transaction ->
                assertThat(transaction.recipients()).containsExactly("a@amis.example", "c@amis.example"));
    }

    @Test
    void whenEveryAddressIsRefusedTheRepliesOwedAreReadAndTheConnectionServesTheNextMessage() throws Exception {
        server.advertisingPipelining().answeringRcpt(address -> address.startsWith("gone")
                ? "550 5.1.1 no such user" : null);
        TrackedSmtpTransport smtp = connect(server.port(), true);

        assertThatThrownBy(() -> smtp.sendMessage(letter(session(server.port())),
                to("gone1@amis.example", "gone2@amis.example"))).isInstanceOf(SendFailedException.class);
        assertThat(smtp.dataEnding()).isFalse();
        smtp.sendMessage(letter(session(server.port())), to("here@amis.example"));

        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.acceptedRecipients()).containsExactly("here@amis.example");
    }

    @Test
    void aConnectionLostAtDataLeftNothingAndOneLostAfterTheEndOfDataMayHaveDelivered() throws Exception {
        server.advertisingPipelining().droppingAtDataCommandOfMessage(1).droppingBeforeAnsweringDataOfMessage(2);

        TrackedSmtpTransport first = connect(server.port(), true);
        assertThatThrownBy(() -> first.sendMessage(letter(session(server.port())), to("a@amis.example")))
                .isInstanceOf(MessagingException.class);
        assertThat(first.dataEnding()).as("broken before the end of data: nothing left").isFalse();

        TrackedSmtpTransport second = connect(server.port(), true);
        assertThatThrownBy(() -> second.sendMessage(letter(session(server.port())), to("b@amis.example")))
                .isInstanceOf(MessagingException.class);
        assertThat(second.dataEnding()).as("broken after the end of data: it may have left").isTrue();
        assertThat(server.acceptedRecipients()).containsExactly("b@amis.example");
    }

    /** A relay that refuses every RCPT and still says 354 to the pipelined DATA (it should say 554). */
    @Test
    void aRelayThatAcceptsDataWithNoRecipientLeftHasItsConnectionClosedAndGetsNoMessage() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> {
                try (Socket client = listener.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = client.getOutputStream();
                    out.write("220 careless ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null) {
                        received.add(line);
                        String reply = line.startsWith("EHLO") ? "250-careless\r\n250 PIPELINING"
                                : line.startsWith("MAIL") ? "250 ok"
                                : line.startsWith("RCPT") ? "550 5.1.1 no such user"
                                : line.equals("DATA") ? "354 go ahead"
                                : line.equals("QUIT") ? "221 bye" : "250 ok";
                        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    // the client closed the connection: what this relay was owed
                }
            });
            TrackedSmtpTransport smtp = connect(listener.getLocalPort(), true);

            assertThatThrownBy(() -> smtp.sendMessage(letter(session(listener.getLocalPort())), to("gone@amis.example")))
                    .isInstanceOf(MessagingException.class);
            // Left open, the relay would read the next commands as the text of a message.
            assertThat(smtp.isConnected()).as("connection closed").isFalse();
            smtp.close();
            relay.get(60, TimeUnit.SECONDS);
        }
        assertThat(received).contains("DATA").doesNotContain(".")
                .noneMatch(line -> line.startsWith("Subject:"));
    }
}
