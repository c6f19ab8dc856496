package bulletin.campaign;

import bulletin.files.OwnerOnly;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.Fields;
import bulletin.ledger.LedgerEntry;
import bulletin.ledger.RunRecord;
import bulletin.message.Letter;
import bulletin.message.MessageComposer;
import bulletin.message.MessageIds;
import bulletin.message.RenderedContent;
import bulletin.message.TemplateException;
import bulletin.relay.ComposedMessage;
import bulletin.relay.DeliveryReport;
import bulletin.relay.RecipientOutcome;
import bulletin.relay.Relay;
import bulletin.relay.RelayException;
import bulletin.relay.RelayFactory;
import bulletin.run.RunLetters;
import bulletin.text.Sentence;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Shows a campaign before it is sent, touching no run: its message written to files, or one
 * copy sent to a test address and marked as a test. The ledger and the job repository are
 * left as they are.
 */
@Service
public class CampaignPreview {

    /** What a preview wrote; files are null when the campaign cannot be rendered (see the report). */
    public record Preview(ValidationReport report, Path eml, Path html) {
    }

    private final CampaignValidator validator;
    private final Workspace workspace;
    private final Locality locality;
    private final RelayFactory relays;

    CampaignPreview(CampaignValidator validator, Workspace workspace, Locality locality, RelayFactory relays) {
        this.validator = validator;
        this.workspace = workspace;
        this.locality = locality;
        this.relays = relays;
    }

    public Preview preview(Path jobFile, YearMonth period, Path outDir) {
        CampaignValidator.Checked checked = validator.check(jobFile, period);
        if (checked.content() == null) {
            return new Preview(checked.report(), null, null);
        }
        Letter letter = letter(checked, period);
        MimeMessage message = new MessageComposer(locality.timeZone())
                .compose(letter,
                        MessageIds.preview(MessageComposer.senderDomain(checked.campaign().from())));
        String base = Workspace.fileName(checked.campaign().name()) + "-" + period;
        try {
            OwnerOnly.folders(outDir);
            Path eml = outDir.resolve(base + ".eml");
            try (OutputStream out = OwnerOnly.newOutputStream(eml)) {
                message.writeTo(out);
            }
            Path html = null;
            if (letter.content().html() != null) {
                // A page that runs no script and fetches nothing, the letter in a sandboxed frame, its images inline.
                html = OwnerOnly.writeString(outDir.resolve(base + ".html"), bulletin.message.PreviewPage.of(
                        letter.content().html(), letter.imagesDir(), letter.content().subject(), letter.draft()));
            }
            return new Preview(checked.report(), eml, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the preview to " + outDir, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the preview: " + e.getMessage(), e);
        }
    }

    /** One copy to {@code address}, its subject marked [TEST]; returns the relay's reply. */
    public String sendTest(Path jobFile, YearMonth period, String address) {
        CampaignValidator.Checked checked = validator.check(jobFile, period);
        if (!checked.report().sendable()) {
            Sentence problems = null;
            for (Sentence problem : checked.report().problems()) {
                problems = Sentence.then(problems, problem);
            }
            throw new TemplateException(Sentence.of("preview.not-sendable", problems));
        }
        Letter campaignLetter = letter(checked, period);
        RenderedContent content = campaignLetter.content();
        Letter test = new Letter(campaignLetter.from(), campaignLetter.replyTo(), address,
                new RenderedContent("[TEST] " + content.subject(), content.html(), content.text()),
                campaignLetter.list(), campaignLetter.imagesDir(), campaignLetter.attachments(), campaignLetter.draft());
        Campaign campaign = checked.campaign();
        // Routed as a campaign of one recipient would be: relay: auto sends a test copy through the mailbox.
        String relayName = relays.route(campaign.relay(), 1).relay();
        try (Relay relay = relays.open(relayName, bare(campaign.from()), workspace.outbox().resolve("tests"))) {
            String messageId = "<test." + UUID.randomUUID() + "@" + MessageComposer.senderDomain(campaign.from()) + ">";
            ComposedMessage message = new ComposedMessage(messageId,
                    new MessageComposer(locality.timeZone()).bytes(relay.smtpUtf8(), test, messageId, Map.of()));
            DeliveryReport report = relay.send(message, List.of(bare(address)));
            RecipientOutcome outcome = report.outcome(bare(address));
            if (!(outcome instanceof RecipientOutcome.Accepted)) {
                throw new RelayException(RelayException.Kind.REFUSED, Sentence.of("preview.test-refused", address, relayName,
                        outcome == null ? Sentence.of("preview.nothing") : outcome.reply()), null);
            }
            return relayName + ": " + outcome.reply();
        }
    }

    private Letter letter(CampaignValidator.Checked checked, YearMonth period) {
        Campaign campaign = checked.campaign();
        RunRecord run = campaign.run(0, period.toString(), Instant.now(), checked.content());
        RunLetters letters = new RunLetters(run, workspace.templates());
        if (!letters.personal()) {
            return letters.bcc();
        }
        Addressee sample = checked.sample();
        if (sample == null) {
            throw new TemplateException(Sentence.of("preview.no-recipient"));
        }
        return letters.personal(new LedgerEntry(0, 0, sample.email(), sample.name(), Fields.encode(sample.fields()),
                sample.location()));
    }

    private static String bare(String address) {
        try {
            return new InternetAddress(address, true).getAddress();
        } catch (AddressException e) {
            throw new TemplateException(Sentence.of("preview.not-address", address));
        }
    }
}
