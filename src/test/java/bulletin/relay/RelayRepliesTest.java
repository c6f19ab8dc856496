package bulletin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A broken or hostile relay's replies, written byte for byte by a peer in the test: a reply that
 * trickles, a line without end, a multi-line reply whose last line refuses, an answer sent before
 * the body. Each ends the transaction with the right outcome, within the read timeout, without
 * taking the heap, and never lets the body go out after an answer that came too early.
 */
class RelayRepliesTest {

    private static final int TIMEOUT_MS = 2000;

    /** What the peer writes for one command (the body's end is the command "."); "TRICKLE:" writes it slowly. */
    private final class Peer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final List<String> received = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Peer(Function<String, String> replies) throws IOException {
            thread = new Thread(() -> serve(replies), "raw-smtp-peer");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(Function<String, String> replies) {
            try (Socket client = socket.accept()) {
                OutputStream out = client.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                write(out, "220 peer.example ESMTP\r\n");
                boolean body = false;
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    if (body) {
                        if (line.equals(".")) {
                            body = false;
                            write(out, replies.apply("."));
                        }
                        continue;
                    }
                    String verb = line.split("[ :]")[0].toUpperCase();
                    String reply = switch (verb) {
                        case "EHLO" -> "250-peer.example\r\n250 8BITMIME\r\n";
                        case "QUIT" -> "221 bye\r\n";
                        case "RSET", "NOOP" -> "250 ok\r\n";
                        default -> replies.apply(line);
                    };
                    write(out, reply);
                    if (verb.equals("DATA") && reply.startsWith("354")) {
                        body = true;
                    }
                    if (verb.equals("QUIT")) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException ignored) {
                // the client gave up: what each test expects
            }
        }

        private void write(OutputStream out, String reply) throws IOException, InterruptedException {
            if (reply.startsWith("ENDLESS:")) {
                byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                out.write("250 ".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 100_000; i++) { // 800 MB, never a line break
                    out.write(chunk);
                }
            } else if (reply.startsWith("TRICKLE:")) {
                for (byte b : reply.substring("TRICKLE:".length()).getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    // Paces the peer's bytes (what is under test is the client's deadline, not this wait): a
                    // busy machine only spaces them more, and the reply still cannot arrive whole in time.
                    Thread.sleep(300);
                }
            } else {
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Peer peer;
    private TrackedSmtpTransport transport;

    @AfterEach
    void stop() throws Exception {
        if (transport != null && transport.isConnected()) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // a broken peer
            }
        }
        if (peer != null) {
            peer.close();
        }
    }

    private TrackedSmtpTransport connect(Function<String, String> replies) throws Exception {
        peer = new Peer(replies);
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(peer.port()));
        props.put("mail.smtp.from", "bureau@amis.example");
        props.put("mail.smtp.sendpartial", "true");
        props.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MS));
        props.put("mail.smtp.connectiontimeout", "20000");
        Session session = Session.getInstance(props);
        transport = new TrackedSmtpTransport(session, new URLName("smtp", "127.0.0.1", peer.port(), null, null, null), true);
        transport.connect();
        return transport;
    }

    private void send(String... recipients) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("bureau@amis.example");
        message.setSubject("La lettre");
        message.setText("Bonjour.\n", "UTF-8");
        Address[] to = new Address[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            to[i] = new InternetAddress(recipients[i]);
        }
        transport.sendMessage(message, to);
    }

    private static String ordinary(String command) {
        return command.equals(".") ? "250 2.0.0 queued\r\n" : command.startsWith("DATA") ? "354 go ahead\r\n"
                : "250 2.1.5 ok\r\n";
    }

    @Test
    void aReplyTrickledAByteAtATimeMeetsTheDeadlineOfTheWholeReply() throws Exception {
        connect(command -> command.startsWith("RCPT") ? "TRICKLE:250 2.1.5 ok, slowly, very slowly\r\n" : ordinary(command));

        // Angus alone waits 2 s per byte and takes the reply after 12 s; with the deadline it fails. On a machine so
        // busy that one byte takes over 2 s, the per-read timeout says so first: a timeout either way.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> send("a@amis.example"))
                .isInstanceOf(MessagingException.class)
                .rootCause().isInstanceOf(java.net.SocketTimeoutException.class));
        assertThat(transport.dataEnding()).as("nothing can have been delivered").isFalse();
    }

    @Test
    void aReplyLineWithoutEndIsCutAtItsBound() throws Exception {
        connect(command -> command.startsWith("RCPT") ? "ENDLESS:" : ordinary(command));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> send("a@amis.example"))
                .isInstanceOf(MessagingException.class)
                .rootCause().hasMessage("it sent a reply line longer than " + TrackedSmtpTransport.MAX_REPLY_LINE + " characters"));
        assertThat(transport.dataEnding()).isFalse();
    }

    @Test
    void aMultiLineReplyIsJudgedByItsLastLine() throws Exception {
        connect(command -> command.contains("gone@") ? "250-2.1.5 checking\r\n550 5.1.1 <gone@amis.example>: no such user\r\n"
                : ordinary(command));

        assertThatThrownBy(() -> send("gone@amis.example", "here@amis.example"))
                .isInstanceOfSatisfying(SendFailedException.class, failed -> {
                    assertThat(failed.getInvalidAddresses()).extracting(Address::toString).containsExactly("gone@amis.example");
                    assertThat(failed.getValidSentAddresses()).extracting(Address::toString).containsExactly("here@amis.example");
                });
    }

    @Test
    void anAnswerSentBeforeTheBodyStopsTheTransactionBeforeTheBodyLeaves() throws Exception {
        connect(command -> command.startsWith("DATA") ? "354 go ahead\r\n250 2.0.0 queued already\r\n"
                : command.equals(".") ? "554 5.7.1 rejected\r\n" : ordinary(command));

        assertThatThrownBy(() -> send("a@amis.example", "b@amis.example")).isInstanceOf(MessagingException.class)
                .rootCause().hasMessage("it answered before the message was written (after its 354)");
        assertThat(transport.dataEnding()).as("the body never went out: nobody was delivered").isFalse();
        assertThat(peer.received).noneMatch(line -> line.startsWith("Subject:"));
    }
}
