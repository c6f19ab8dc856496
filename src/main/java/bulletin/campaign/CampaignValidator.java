package bulletin.campaign;

import bulletin.audience.AudienceEntry;
import bulletin.audience.AudienceException;
import bulletin.audience.AudiencePlan;
import bulletin.audience.AudienceReader;
import bulletin.audience.AudienceRules;
import bulletin.audience.Printable;
import bulletin.audience.SuppressionList;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.RunContent;
import bulletin.mailbox.MailboxConfigurationException;
import bulletin.mailbox.MailboxException;
import bulletin.mailbox.Mailboxes;
import bulletin.message.CompositionException;
import bulletin.message.DraftLetter;
import bulletin.message.TemplateException;
import bulletin.relay.RelayConfigurationException;
import bulletin.relay.RelayFactory;
import bulletin.relay.RoutingSettings;
import bulletin.text.Sentence;
import bulletin.text.Spoken;
import bulletin.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A dry run: reads the job file, every source and the templates as a real run would, and says
 * everything it finds — the fatal problems and each row that would not be sent — without
 * sending anything or writing to the database.
 */
@Service
public class CampaignValidator {

    private static final int LOOKUP_BATCH = 1000;

    private final CampaignLoader loader;
    private final RelayFactory relays;
    private final AudienceSources sources;
    private final SuppressionList suppressions;
    private final CampaignContent contents;
    private final Mailboxes mailboxes;
    private final Workspace workspace;

    private final Locality locality;

    CampaignValidator(CampaignLoader loader, RelayFactory relays, AudienceSources sources, SuppressionList suppressions,
                      CampaignContent contents, Mailboxes mailboxes, Workspace workspace, Locality locality) {
        this.locality = locality;
        this.mailboxes = mailboxes;
        this.workspace = workspace;
        this.loader = loader;
        this.relays = relays;
        this.sources = sources;
        this.suppressions = suppressions;
        this.contents = contents;
    }

    public ValidationReport validate(Path jobFile, YearMonth period) {
        return check(jobFile, period).report();
    }

    /** A dry run's findings, and what it rendered: the content and a recipient to show it to. */
    record Checked(ValidationReport report, Campaign campaign, RunContent content, Addressee sample) {
    }

    Checked check(Path jobFile, YearMonth period) {
        ValidationReport.Builder report = new ValidationReport.Builder();
        Campaign campaign;
        try {
            campaign = loader.load(jobFile);
        } catch (YamlFileException | AudienceException e) {
            report.problem(e);
            return new Checked(report.build(), null, null, null);
        }
        report.campaign = campaign.name();
        for (Path attachment : campaign.attachments()) {
            try {
                report.attachments.add(workspace.fileNames().shown(attachment) + " (" + (Files.size(attachment) + 1023) / 1024
                        + " KB, " + bulletin.message.AttachmentTypes.of(attachment) + ")");
            } catch (IOException e) {
                report.attachments.add(workspace.fileNames().shown(attachment) + " (cannot be read)");
            }
        }
        boolean relayUsable = true;
        try {
            relays.check(campaign.relay());
        } catch (RelayConfigurationException e) {
            report.problem(e);
            relayUsable = false;
        }
        if (campaign.sentCopy() != null) {
            report.sentCopy = campaign.sentCopy();
            try {
                mailboxes.check(campaign.sentCopy());
            } catch (MailboxConfigurationException e) {
                report.problems.add(Sentence.of("validation.sent-copy", shown(campaign), Spoken.of(e)));
            }
        }
        AudiencePlan plan = null;
        try {
            plan = sources.plan(campaign);
        } catch (AudienceException | YamlFileException e) {
            report.problem(e);
        }
        CampaignContent.Prepared prepared = null;
        try {
            prepared = contents.prepare(campaign, period.toString(), plan != null ? plan : AudiencePlan.empty());
        } catch (TemplateException | CompositionException | MailboxConfigurationException | MailboxException e) {
            report.problem(e);
        }
        if (prepared != null && prepared.letter() != null) {
            describe(prepared.letter(), campaign.letterFolder(), report);
        }
        if (plan != null) {
            readAudience(campaign, plan, prepared, report);
        }
        if (relayUsable) {
            RoutingSettings.Route route = relays.route(campaign.relay(), report.recipients);
            report.relayName = route.relay();
            report.relay = Sentence.of("validation.relay", relays.describe(route.relay()), RoutingSettings.said(route.reason()));
        }
        RunContent content = null;
        if (prepared != null) {
            try {
                content = prepared.finish();
                report.subject = content.subject();
            } catch (TemplateException | CompositionException e) {
                report.problem(e);
            }
        }
        return new Checked(report.build(), campaign, content, prepared == null ? null : prepared.first());
    }

    private void readAudience(Campaign campaign, AudiencePlan plan, CampaignContent.Prepared prepared,
                              ValidationReport.Builder report) {
        // The rows judged so far, by number, as the stage step keeps them in the ledger.
        List<String> keys = new ArrayList<>();
        List<AudienceRules.EarlierRow> locations = new ArrayList<>();
        AudienceRules rules = new AudienceRules(suppressions, Map.of(), row -> keys.get(row - 1), row -> locations.get(row - 1));
        List<AudienceEntry> batch = new ArrayList<>(LOOKUP_BATCH);
        try {
            try (AudienceReader reader = sources.open(campaign, plan)) {
                while (reader.hasNext()) {
                    batch.add(reader.next());
                    if (batch.size() == LOOKUP_BATCH) {
                        account(rules, batch, keys, locations, report, prepared);
                    }
                }
            }
            account(rules, batch, keys, locations, report, prepared);
        } catch (AudienceException | YamlFileException e) {
            report.problem(e);
            return;
        }
        if (report.recipients == 0 && report.problems.isEmpty()) {
            report.problems.add(Sentence.of("validation.empty", shown(campaign)));
        }
    }

    private void account(AudienceRules rules, List<AudienceEntry> batch, List<String> keys,
                         List<AudienceRules.EarlierRow> locations,
                         ValidationReport.Builder report, CampaignContent.Prepared prepared) {
        for (AudienceRules.Verdict verdict : rules.judge(batch, keys.size() + 1)) {
            AudienceEntry entry = verdict.entry();
            locations.add(new AudienceRules.EarlierRow(entry instanceof AudienceEntry.Accepted accepted
                    ? accepted.recipient().address() : null, where(entry)));
            if (verdict instanceof AudienceRules.Accepted accepted) {
                keys.add(accepted.recipient().key());
                report.recipients++;
                checkContent(prepared, accepted.entry(), report);
                continue;
            }
            keys.add(null);
            AudienceRules.Rejected rejected = (AudienceRules.Rejected) verdict;
            switch (rejected.kind()) {
                case INVALID -> report.invalid++;
                case SUPPRESSED -> report.suppressed++;
                case DUPLICATE -> report.duplicates++;
            }
            String text = entry instanceof AudienceEntry.Invalid invalid ? invalid.text()
                    : ((AudienceEntry.Accepted) entry).recipient().address();
            report.reject(Sentence.of("validation.rejected-row", where(entry), rejected.kind(), rejected.said(),
                    Printable.of(text)));
        }
        batch.clear();
    }

    /** Renders for the recipient in personal mode; the first failure is a problem, not every one. */
    private static void checkContent(CampaignContent.Prepared prepared, AudienceEntry.Accepted accepted,
                                     ValidationReport.Builder report) {
        if (prepared == null || report.contentFailed) {
            return;
        }
        var recipient = accepted.recipient();
        try {
            prepared.check(new Addressee(recipient.address(), recipient.displayName(), recipient.attributes(), where(accepted)));
        } catch (TemplateException e) {
            report.problem(e);
            report.contentFailed = true;
        }
    }

    /** Which letter will go, and that its own recipients will not be used: what the secretary checks before the send. */
    private void describe(DraftLetter letter, LetterFolder where, ValidationReport.Builder report) {
        String written = letter.date() == null ? "?" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(letter.date().atZone(locality.timeZone()));
        String attached = String.join(", ", letter.attachments().stream()
                .map(part -> part.fileName() == null ? part.contentType() : part.fileName()).toList());
        report.letter.add(Sentence.of("validation.letter", letter.subject(), written, (letter.size() + 1023) / 1024,
                where.folder(), where.mailbox()));
        if (!attached.isEmpty()) {
            report.letter.add(Sentence.of("validation.letter-attached", attached));
        }
        if (!letter.addressed().isEmpty()) {
            report.letter.add(Sentence.of("validation.letter-addressed", String.join(", ", letter.addressed())));
        }
    }

    private String shown(Campaign campaign) {
        return workspace.shown(campaign.file().toString());
    }

    private static String where(AudienceEntry entry) {
        return entry.source() + ":" + entry.line();
    }
}
