package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audience.AudiencePlan;
import bulletin.audience.AudienceReader;
import bulletin.campaign.AudienceSources;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.ledger.Runs;
import bulletin.relay.RelayFactory;
import bulletin.text.TerminalWords;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads every row of every recipient source of the campaign, for the stage step. Opening it
 * records the run (sender, relay, envelope size) afresh: a stage step that failed half-way is
 * staged again from the start, which is safe because nothing is sent before staging completes.
 */
class AudienceItemReader implements ItemStreamReader<AudienceEntry>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(AudienceItemReader.class);

    private final CampaignLoader loader;
    private final RelayFactory relays;
    private final AudienceSources sources;
    private final Runs runs;
    private final Path jobFile;
    private final String period;
    private long runId;
    private AudienceReader reader;

    AudienceItemReader(CampaignLoader loader, RelayFactory relays, AudienceSources sources, Runs runs, Path jobFile,
                       String period) {
        this.loader = loader;
        this.relays = relays;
        this.sources = sources;
        this.runs = runs;
        this.jobFile = jobFile;
        this.period = period;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    public void open(ExecutionContext context) {
        Campaign campaign = loader.load(jobFile);
        relays.check(campaign.relay());
        AudiencePlan plan = sources.plan(campaign);
        log.info(TerminalWords.key("log.staging"), "Staging run {} ({} {}) from {} source(s)", runId, campaign.name(), period, campaign.recipients().size());
        runs.saveRun(campaign.run(runId, period, Instant.now(), null));
        this.reader = sources.open(campaign, plan);
    }

    @Override
    public AudienceEntry read() {
        return reader.hasNext() ? reader.next() : null;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
