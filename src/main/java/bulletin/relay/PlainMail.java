package bulletin.relay;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * A short mail of Bulletin's own, not a campaign: a confirmation to a member, a notice to the
 * association. Plain text in UTF-8, {@code Auto-Submitted} so that no auto-reply answers it, an
 * optional file attached, sent through one relay profile.
 *
 * @param autoSubmitted RFC 3834's value: {@code auto-replied} (an answer to a member's mail) or {@code auto-generated}
 */
public record PlainMail(String from, List<String> to, String subject, String text, String autoSubmitted, Path attachment) {

    /**
     * Sends it through the relay; never throws.
     *
     * @param outbox where an outbox relay writes it
     * @return null when the relay took it for every address, else why not, in words
     */
    public String send(RelayFactory relays, String relayName, Path outbox) {
        try (Relay relay = relays.open(relayName, from, outbox)) {
            // Headers in UTF-8 only where the relay takes them (SMTPUTF8), as a campaign's.
            Properties headers = new Properties();
            headers.put("mail.mime.allowutf8", String.valueOf(relay.smtpUtf8()));
            MimeMessage message = new MimeMessage(Session.getInstance(headers));
            message.setFrom(new InternetAddress(from));
            message.setReplyTo(new InternetAddress[] {new InternetAddress(from)});
            List<InternetAddress> recipients = new ArrayList<>();
            for (String address : to) {
                recipients.add(new InternetAddress(address, true));
            }
            message.setRecipients(Message.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", autoSubmitted);
            if (attachment == null) {
                message.setText(text, "UTF-8");
            } else {
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text, "UTF-8");
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(Files.readAllBytes(attachment),
                        "text/html")));
                file.setFileName(attachment.getFileName().toString());
                file.setDisposition(MimeBodyPart.ATTACHMENT);
                message.setContent(new MimeMultipart(body, file));
            }
            List<String> envelope = to.stream().map(String::strip).toList();
            DeliveryReport report = relay.send(RawMessage.of(message), envelope);
            for (String address : envelope) {
                RecipientOutcome outcome = report.outcome(address);
                if (!(outcome instanceof RecipientOutcome.Accepted)) {
                    return address + ": " + (outcome == null ? "no answer" : outcome.reply());
                }
            }
            return null;
        } catch (MessagingException | IOException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
