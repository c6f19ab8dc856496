package bulletin.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.MailboxServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What one read of the mailbox costs over IMAP, counted in commands by a TLS front that sits
 * between Bulletin and the server: a few per batch of messages, not several per message, since
 * every message comes whole in one UID FETCH and is parsed here — so a header the server cannot
 * express in an ENVELOPE ({@code From: MAILER-DAEMON <>}) reads like any other.
 */
class ImapReadCostTest {

    private static final Pattern COMMAND = Pattern.compile("^[A-Z]\\d+ .*");

    private final MailboxServer server = new MailboxServer();
    private final AtomicInteger commands = new AtomicInteger();
    private ServerSocket front;

    @AfterEach
    void stop() throws IOException {
        if (front != null) {
            front.close();
        }
        server.close();
    }

    /** Accepts TLS with the server's test certificate and passes everything to its plain IMAP port, counting commands. */
    private int countingFront() throws Exception {
        SSLServerSocket listener = (SSLServerSocket) MailboxServer.certificate().serverContext().getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        front = listener;
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), server.imapPort());
                    pump(upstream.getInputStream(), client.getOutputStream(), false);
                    pump(client.getInputStream(), upstream.getOutputStream(), true);
                } catch (IOException e) {
                    return;
                }
            }
        }, "imap-front");
        accept.setDaemon(true);
        accept.start();
        return listener.getLocalPort();
    }

    private void pump(InputStream from, OutputStream to, boolean countCommands) {
        Thread pump = new Thread(() -> {
            try {
                if (!countCommands) {
                    from.transferTo(to);
                    return;
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.ISO_8859_1));
                String line;
                while ((line = lines.readLine()) != null) {
                    if (COMMAND.matcher(line).matches()) {
                        commands.incrementAndGet();
                    }
                    to.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed: the session is over
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }, "imap-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static Mailboxes mailboxes(int port) {
        Map<String, String> properties = Map.of(
                "bulletin.mailboxes.counted.host", "127.0.0.1",
                "bulletin.mailboxes.counted.port", String.valueOf(port),
                "bulletin.mailboxes.counted.security", "ssl",
                "bulletin.mailboxes.counted.username", MailboxServer.USER,
                "bulletin.mailboxes.counted.password", MailboxServer.PASSWORD,
                "bulletin.mailboxes.counted.trust-certificate", MailboxServer.certificate().pem().toString());
        return new Mailboxes(new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("bulletin", MailboxProfiles.class));
    }

    @Test
    void aReadOfAHundredAndTwentyMessagesCostsAFewCommandsAndReadsEveryHeaderLocally() throws Exception {
        for (int i = 1; i <= 120; i++) {
            server.deliver("From: MAILER-DAEMON <>\nTo: postmaster\nSubject: Undelivered Mail " + i
                    + "\nMessage-ID: <m" + i + "@mx.example>\n\nThe mail system could not deliver it.\n");
        }
        Mailboxes mailboxes = mailboxes(countingFront());

        List<String> subjects = new ArrayList<>();
        int read;
        try (MailboxSession session = mailboxes.open("counted")) {
            int before = commands.get();
            for (MailboxSession.Incoming incoming : session.messages()) {
                subjects.add(incoming.message().getSubject());
                assertThat(incoming.message().getHeader("From", null)).isEqualTo("MAILER-DAEMON <>");
                assertThat((String) incoming.message().getContent()).contains("could not deliver it");
            }
            read = commands.get() - before;
        }

        assertThat(subjects).hasSize(120).contains("Undelivered Mail 1", "Undelivered Mail 120");
        // SELECT, the UIDs and sizes, then three batches of 50 whole messages: never a command per message.
        assertThat(read).as("IMAP commands for the read").isLessThanOrEqualTo(8);
        assertThat(server.inbox()).noneMatch(MailboxServer::isRead);
    }
}
