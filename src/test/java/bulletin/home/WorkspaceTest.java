package bulletin.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The files a run leaves, named in one place: what the report step writes is what the purge finds. */
class WorkspaceTest {

    private final Workspace workspace = new Workspace(Path.of("/srv/amis"), Path.of("templates"), Path.of("data/lists"),
            Path.of("jobs"), Path.of("data/outbox"), Path.of("data/reports"));

    @Test
    void anAttemptsAuditAndPageAndARunsPageWrittenAgainAreTheRunsAndNoOtherRunsFiles() {
        Path audit = workspace.auditFile("Lettre de juin", "2026-06", 1, 3);
        Path page = Workspace.reportPage(audit);
        Path again = workspace.runReportPage("Lettre de juin", "2026-06", 1);

        assertThat(audit.getParent()).isEqualTo(Path.of("/srv/amis/data/reports"));
        assertThat(page.getFileName().toString()).isEqualTo(audit.getFileName().toString().replace(".csv", ".html"));
        for (Path file : new Path[] {audit, page, again}) {
            assertThat(Workspace.isRunReportFile(file, "Lettre de juin", "2026-06", 1)).as(file.toString()).isTrue();
            assertThat(Workspace.isRunReportFile(file, "Lettre de juin", "2026-06", 12)).as("run 12: " + file).isFalse();
            assertThat(Workspace.isRunReportFile(file, "Lettre de juin", "2026-07", 1)).isFalse();
        }
        assertThat(Workspace.isRunReportFile(workspace.auditFile("Lettre de juin", "2026-06", 12, 3),
                "Lettre de juin", "2026-06", 1)).as("run 1 does not own run 12's audit").isFalse();
    }

    @Test
    void aPeriodsOutboxAndAOneOffsFilesAreNamedFromTheCampaign() {
        assertThat(workspace.periodOutbox("Lettre de juin", "2026-06").startsWith(workspace.outbox())).isTrue();
        assertThat(workspace.periodOutbox("Lettre de juin", "2026-06").getFileName()).isEqualTo(Path.of("2026-06"));
        Path job = workspace.oneOffJob("Réunion du bureau");
        assertThat(job.getParent()).isEqualTo(workspace.oneOffJobs());
        assertThat(Workspace.oneOffAddresses(job).getFileName().toString())
                .isEqualTo(job.getFileName().toString().replace(".yml", ".addresses.txt"));
    }

    /** One rule names a campaign's files everywhere (outbox, reports, previews, one-off jobs, run locks). */
    @Test
    void aCampaignNameBecomesAPortableFileName() {
        assertThat(Workspace.fileName("Lettre d'été 2026")).isEqualTo("Lettre_d_ete_2026");
        assertThat(Workspace.fileName("lettre-mensuelle.v2_a")).isEqualTo("lettre-mensuelle.v2_a");
    }
}
