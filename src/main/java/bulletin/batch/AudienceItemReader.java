package bulletin.batch;

import bulletin.audience.AudienceEntry;
import bulletin.audience.AudienceException;
import bulletin.audience.AudienceReader;
import bulletin.audit.Ledger;
import bulletin.audit.RunRecord;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.campaign.VisibleTo;
import bulletin.message.Letter;
import bulletin.relay.RelayFactory;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads every row of every recipient source of the campaign, for the stage step. Opening it
 * records the run (sender, relay, chunk size) afresh: a stage step that failed half-way is
 * staged again from the start, which is safe because nothing is sent before staging completes.
 */
class AudienceItemReader implements ItemStreamReader<AudienceEntry>, StepExecutionListener {

    private final CampaignLoader loader;
    private final RelayFactory relays;
    private final Ledger ledger;
    private final Path jobFile;
    private final String period;
    private long runId;
    private AudienceReader reader;
    private long accepted;
    private long rows;

    AudienceItemReader(CampaignLoader loader, RelayFactory relays, Ledger ledger, Path jobFile, String period) {
        this.loader = loader;
        this.relays = relays;
        this.ledger = ledger;
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
        AudienceReader.checkReadable(campaign.recipients());
        ledger.saveRun(new RunRecord(runId, campaign.name(), period, campaign.file().toString(),
                campaign.relay(), campaign.from(), campaign.replyTo(),
                campaign.visibleTo() == VisibleTo.SENDER ? campaign.from() : Letter.UNDISCLOSED,
                campaign.chunkSize(), null, null, null, Instant.now()));
        this.reader = new AudienceReader(campaign.recipients());
    }

    @Override
    public AudienceEntry read() {
        if (!reader.hasNext()) {
            if (accepted == 0) {
                throw new AudienceException(jobFile, 0, "the audience is empty: none of the " + rows
                        + " input rows holds an address that can be sent to; see the audit for each row's reason");
            }
            return null;
        }
        AudienceEntry entry = reader.next();
        rows++;
        if (entry instanceof AudienceEntry.Accepted) {
            accepted++;
        }
        return entry;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
