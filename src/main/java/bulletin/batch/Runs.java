package bulletin.batch;

import org.springframework.batch.core.job.JobExecution;

/**
 * Which run a job execution works on. A newsletter run is its job instance; a resend job (which
 * re-opens recipients of a run that already completed) names the run in its parameters.
 */
final class Runs {

    /** The parameter of a resend job that names the run it works on. */
    static final String RUN = "run";

    private Runs() {
    }

    static long idOf(JobExecution execution) {
        Long named = execution.getJobParameters().getLong(RUN);
        return named != null ? named : execution.getJobInstance().getInstanceId();
    }
}
