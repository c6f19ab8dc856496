package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audience.AudienceException;
import bulletin.audience.AudiencePlan;
import bulletin.audience.Printable;
import bulletin.audience.AudienceReader;
import bulletin.audience.SuppressionList;
import bulletin.audit.RunContent;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.campaign.Workspace;
import bulletin.message.Letter;
import bulletin.message.RenderedContent;
import bulletin.message.TemplateException;
import bulletin.message.TemplateRenderer;
import bulletin.relay.RelayConfigurationException;
import bulletin.relay.RelayFactory;
import bulletin.relay.RoutingSettings;
import bulletin.yaml.YamlFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
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

    CampaignValidator(CampaignLoader loader, RelayFactory relays, AudienceSources sources, SuppressionList suppressions,
                      CampaignContent contents) {
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
            report.problems.add(e.getMessage());
            return new Checked(report.build(), null, null, null);
        }
        report.campaign = campaign.name();
        boolean relayUsable = true;
        try {
            relays.check(campaign.relay());
        } catch (RelayConfigurationException e) {
            report.problems.add(e.getMessage());
            relayUsable = false;
        }
        AudiencePlan plan = null;
        try {
            plan = sources.plan(campaign);
        } catch (AudienceException | YamlFileException e) {
            report.problems.add(e.getMessage());
        }
        CampaignContent.Prepared prepared = null;
        try {
            prepared = contents.prepare(campaign, period.toString(), plan != null ? plan : AudiencePlan.empty());
        } catch (TemplateException e) {
            report.problems.add(e.getMessage());
        }
        if (plan != null) {
            readAudience(campaign, plan, prepared, report);
        }
        if (relayUsable) {
            RoutingSettings.Route route = relays.route(campaign.relay(), report.recipients);
            report.relayName = route.relay();
            report.relay = relays.describe(route.relay()) + " — " + route.reason();
        }
        RunContent content = null;
        if (prepared != null) {
            try {
                content = prepared.finish();
                report.subject = content.subject();
            } catch (TemplateException e) {
                report.problems.add(e.getMessage());
            }
        }
        return new Checked(report.build(), campaign, content, prepared == null ? null : prepared.first());
    }

    private void readAudience(Campaign campaign, AudiencePlan plan, CampaignContent.Prepared prepared,
                              ValidationReport.Builder report) {
        Map<String, String> seen = new HashMap<>();
        List<AudienceEntry.Accepted> batch = new ArrayList<>(LOOKUP_BATCH);
        try {
            try (AudienceReader reader = sources.open(campaign, plan)) {
                while (reader.hasNext()) {
                    AudienceEntry entry = reader.next();
                    if (entry instanceof AudienceEntry.Invalid invalid) {
                        report.invalid++;
                        report.reject(where(entry) + ": " + Printable.of(invalid.reason()) + " ('" + Printable.of(invalid.text()) + "')");
                    } else {
                        batch.add((AudienceEntry.Accepted) entry);
                        if (batch.size() == LOOKUP_BATCH) {
                            account(batch, seen, report, prepared);
                        }
                    }
                }
            }
            account(batch, seen, report, prepared);
        } catch (AudienceException | YamlFileException e) {
            report.problems.add(e.getMessage());
            return;
        }
        if (report.recipients == 0 && report.problems.isEmpty()) {
            report.problems.add("the audience is empty: no row of " + campaign.file() + "'s sources can be sent to");
        }
    }

    private void account(List<AudienceEntry.Accepted> batch, Map<String, String> seen, ValidationReport.Builder report,
                         CampaignContent.Prepared prepared) {
        Map<String, String> suppressed = suppressions.lookup(batch.stream().map(a -> a.recipient().address()).toList());
        for (AudienceEntry.Accepted accepted : batch) {
            String reason = suppressed.get(accepted.recipient().address());
            if (reason != null) {
                report.suppressed++;
                report.reject(where(accepted) + ": " + accepted.recipient().address() + " is " + reason);
                continue;
            }
            String first = seen.putIfAbsent(accepted.recipient().key(), where(accepted));
            if (first != null) {
                report.duplicates++;
                report.reject(where(accepted) + ": " + accepted.recipient().address() + " repeats " + first);
            } else {
                report.recipients++;
                checkContent(prepared, accepted, report);
            }
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
            report.problems.add(e.getMessage());
            report.contentFailed = true;
        }
    }

    private static String where(AudienceEntry entry) {
        return entry.source() + ":" + entry.line();
    }
}
