package bulletin.support;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A GreenMail SMTP server on a free loopback port, with the questions the tests ask of it:
 * which messages arrived, and which recipients got which.
 */
public final class SmtpServer {

    private final int port = freePort();
    private GreenMail greenMail;

    public int port() {
        return port;
    }

    public void start() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public void reset() {
        greenMail.reset();
    }

    /** Every copy GreenMail delivered: one per recipient of each message. */
    public List<MimeMessage> copies() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** The distinct SMTP messages that arrived, by Message-ID. */
    public List<String> messageIds() {
        return copies().stream().map(SmtpServer::messageId).distinct().sorted().toList();
    }

    /** For each address that received anything, how many messages it received. */
    public Map<String, Integer> deliveriesByRecipient() {
        Map<String, Integer> counts = new TreeMap<>();
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            long received = greenMail.findReceivedMessages(u -> u.getEmail().equals(user.getEmail()), m -> true).count();
            if (received > 0) {
                counts.put(user.getEmail(), (int) received);
            }
        }
        return counts;
    }

    /** The messages one address received. */
    public List<MimeMessage> deliveriesTo(String address) {
        return greenMail.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true).toList();
    }

    /** All header lines of a message as they arrived. */
    public static List<String> headerLines(MimeMessage message) {
        try {
            List<String> lines = new ArrayList<>();
            Collections.list(message.getAllHeaderLines()).forEach(lines::add);
            return lines;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
