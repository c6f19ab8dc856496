package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audience.AudienceException;
import bulletin.audience.AudiencePlan;
import bulletin.audience.AudienceReader;
import bulletin.audience.SuppressionList;
import bulletin.audit.RunRecord;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.campaign.Workspace;
import bulletin.message.Letter;
import bulletin.message.RenderedContent;
import bulletin.message.TemplateException;
import bulletin.message.TemplateRenderer;
import bulletin.relay.RelayConfigurationException;
import bulletin.relay.RelayFactory;
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
    private final Workspace workspace;

    CampaignValidator(CampaignLoader loader, RelayFactory relays, AudienceSources sources, SuppressionList suppressions,
                      Workspace workspace) {
        this.loader = loader;
        this.relays = relays;
        this.sources = sources;
        this.suppressions = suppressions;
        this.workspace = workspace;
    }

    public ValidationReport validate(Path jobFile, YearMonth period) {
        ValidationReport.Builder report = new ValidationReport.Builder();
        Campaign campaign;
        try {
            campaign = loader.load(jobFile);
        } catch (YamlFileException | AudienceException e) {
            report.problems.add(e.getMessage());
            return report.build();
        }
        report.campaign = campaign.name();
        try {
            relays.check(campaign.relay());
        } catch (RelayConfigurationException e) {
            report.problems.add(e.getMessage());
        }
        readAudience(campaign, report);
        try {
            RunRecord run = new RunRecord(0, campaign.name(), period.toString(), campaign.file().toString(),
                    campaign.relay(), campaign.from(), campaign.replyTo(), Letter.UNDISCLOSED, campaign.chunkSize(),
                    null, null, null, Instant.now());
            RenderedContent content = new TemplateRenderer(workspace.templates())
                    .render(campaign.template(), campaign.subject(), RenderTasklet.variables(campaign, run));
            report.subject = content.subject();
        } catch (TemplateException e) {
            report.problems.add(e.getMessage());
        }
        return report.build();
    }

    private void readAudience(Campaign campaign, ValidationReport.Builder report) {
        Map<String, String> seen = new HashMap<>();
        List<AudienceEntry.Accepted> batch = new ArrayList<>(LOOKUP_BATCH);
        try {
            AudiencePlan plan = sources.plan(campaign);
            try (AudienceReader reader = sources.open(campaign, plan)) {
                while (reader.hasNext()) {
                    AudienceEntry entry = reader.next();
                    if (entry instanceof AudienceEntry.Invalid invalid) {
                        report.invalid++;
                        report.reject(where(entry) + ": " + invalid.reason() + " ('" + invalid.text() + "')");
                    } else {
                        batch.add((AudienceEntry.Accepted) entry);
                        if (batch.size() == LOOKUP_BATCH) {
                            account(batch, seen, report);
                        }
                    }
                }
            }
            account(batch, seen, report);
        } catch (AudienceException | YamlFileException e) {
            report.problems.add(e.getMessage());
            return;
        }
        if (report.recipients == 0 && report.problems.isEmpty()) {
            report.problems.add("the audience is empty: no row of " + campaign.file() + "'s sources can be sent to");
        }
    }

    private void account(List<AudienceEntry.Accepted> batch, Map<String, String> seen, ValidationReport.Builder report) {
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
            }
        }
        batch.clear();
    }

    private static String where(AudienceEntry entry) {
        return entry.source() + ":" + entry.line();
    }
}
