package bulletin.feedback;

import bulletin.campaign.Workspace;
import bulletin.relay.DeliveryReport;
import bulletin.relay.RecipientOutcome;
import bulletin.relay.Relay;
import bulletin.relay.RelayFactory;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The optional answer to an unsubscribe request by mail ({@code bulletin.feedback.confirm-unsubscribe}),
 * sent from the address the request went to, through the mailbox relay. Its failure changes
 * nothing: the address is suppressed either way.
 */
@Component
class UnsubscribeConfirmation {

    private final FeedbackSettings settings;
    private final RelayFactory relays;
    private final Path outbox;

    UnsubscribeConfirmation(FeedbackSettings settings, RelayFactory relays, Workspace workspace) {
        this.settings = settings;
        this.relays = relays;
        this.outbox = workspace.outbox().resolve("confirmations");
    }

    /** @return what happened, for the report; null when confirmations are off */
    String confirm(String address, String from) {
        if (!settings.confirmUnsubscribe() || from == null) {
            return null;
        }
        try (Relay relay = relays.open(settings.confirmRelay(), from, outbox)) {
            MimeMessage message = new MimeMessage(relay.session());
            message.setFrom(new InternetAddress(from));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(address));
            message.setSubject("Désinscription confirmée / Unsubscribed", "UTF-8");
            message.setHeader("Auto-Submitted", "auto-replied"); // RFC 3834: no auto-reply loops
            message.setText("Bonjour,\n\nVotre adresse " + address + " ne recevra plus la lettre d'information.\n\n"
                    + "Your address " + address + " will not receive the newsletter any more.\n", "UTF-8");
            message.saveChanges();
            DeliveryReport report = relay.send(message, List.of(address));
            RecipientOutcome outcome = report.outcome(address);
            return address + ": confirmation " + (outcome instanceof RecipientOutcome.Accepted ? "sent" : "not sent ("
                    + (outcome == null ? "no answer" : outcome.reply()) + ")") + " through relay '" + settings.confirmRelay() + "'";
        } catch (MessagingException | RuntimeException e) {
            return address + ": confirmation not sent (" + e.getMessage() + "); the address is suppressed all the same";
        }
    }
}
