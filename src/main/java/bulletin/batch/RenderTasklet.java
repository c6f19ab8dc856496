package bulletin.batch;

import bulletin.audit.Ledger;
import bulletin.audit.RunRecord;
import bulletin.campaign.Campaign;
import bulletin.campaign.CampaignLoader;
import bulletin.campaign.Workspace;
import bulletin.message.RenderedContent;
import bulletin.message.TemplateRenderer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * Renders subject and bodies once for the whole run and keeps them in the run record, so that
 * every chunk — and every chunk of a restart — carries the same content. A missing variable or
 * a broken template fails here, before anything is sent; fix it and restart the run.
 */
class RenderTasklet implements Tasklet {

    private final CampaignLoader loader;
    private final Workspace workspace;
    private final Ledger ledger;
    private final Path jobFile;

    RenderTasklet(CampaignLoader loader, Workspace workspace, Ledger ledger, Path jobFile) {
        this.loader = loader;
        this.workspace = workspace;
        this.ledger = ledger;
        this.jobFile = jobFile;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        RunRecord run = ledger.findRun(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged"));
        // The job file is read again: a restart after a template fix picks up the fixed variables.
        Campaign campaign = loader.load(jobFile);
        RenderedContent content = new TemplateRenderer(workspace.templates())
                .render(campaign.template(), campaign.subject(), variables(campaign, run));
        ledger.saveContent(runId, content.subject(), content.html(), content.text());
        return RepeatStatus.FINISHED;
    }

    /** Campaign-level variables: the same for every recipient of a Bcc message. */
    static Map<String, Object> variables(Campaign campaign, RunRecord run) {
        Map<String, Object> variables = new LinkedHashMap<>(campaign.variables());
        variables.put("campaign", run.campaign());
        variables.put("period", run.period());
        return variables;
    }
}
