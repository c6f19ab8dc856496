package bulletin.batch;

import bulletin.campaign.Addressee;
import bulletin.campaign.AudienceSources;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignContent;
import bulletin.campaign.CampaignLoader;
import bulletin.campaign.WrittenLetters;
import bulletin.ledger.Ledger;
import bulletin.ledger.LedgerEntry;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Renders and checks the content once for the whole run and freezes it in the run record, so
 * that every message — and every message of a restart — carries the same content. A missing
 * variable, a broken template, a missing image or attachment, or a message too large for the
 * relay fails here, before anything is sent; fix it and run the same command again.
 */
class RenderTasklet implements Tasklet {

    private static final int PAGE = 1000;

    private final CampaignLoader loader;
    private final AudienceSources sources;
    private final CampaignContent contents;
    private final Ledger ledger;
    private final Runs runs;
    private final WrittenLetters letters;
    private final Path jobFile;

    RenderTasklet(CampaignLoader loader, AudienceSources sources, CampaignContent contents, Ledger ledger, Runs runs,
                  WrittenLetters letters, Path jobFile) {
        this.letters = letters;
        this.loader = loader;
        this.sources = sources;
        this.contents = contents;
        this.ledger = ledger;
        this.runs = runs;
        this.jobFile = jobFile;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        RunRecord run = runs.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        // The job file is read again: a restart after a template fix picks up the fixed variables.
        Campaign campaign = loader.load(jobFile);
        CampaignContent.Prepared prepared = contents.prepare(campaign, run.period(), sources.plan(campaign), runId);
        // A Bcc run reads one recipient (for the names of its columns), not the whole audience.
        int pageSize = prepared.checksEveryRecipient() ? PAGE : 1;
        int after = 0;
        List<LedgerEntry> page;
        while (!(page = ledger.pending(runId, after, pageSize)).isEmpty()) {
            for (LedgerEntry entry : page) {
                prepared.check(new Addressee(entry.address(), entry.displayName(), entry.decodedFields(), entry.location()));
            }
            if (!prepared.checksEveryRecipient()) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        runs.saveContent(runId, prepared.finish());
        if (prepared.letter() != null) {
            letters.take(prepared.letter(), runId); // in the step's commit, with the frozen copy
        }
        return RepeatStatus.FINISHED;
    }
}
