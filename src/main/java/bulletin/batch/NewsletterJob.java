package bulletin.batch;

/** Names shared by the job's wiring and its launcher. */
final class NewsletterJob {

    static final String NAME = "newsletter";
    static final String RESEND = "resend";

    /** Identifying: with the period, names the run (the job instance). */
    static final String CAMPAIGN = "campaign";
    /** Identifying: {@code YYYY-MM}. */
    static final String PERIOD = "period";
    /**
     * Identifying, only on a run that follows abandoned ones for the same period ({@code send --new-run}):
     * 2 for the second run of the period, and so on. The first run has none, as it always had.
     */
    static final String TAKE = "take";
    /** Not identifying: where the job file is, read again by steps that (re)start. */
    static final String JOB_FILE = "jobFile";

    private NewsletterJob() {
    }
}
