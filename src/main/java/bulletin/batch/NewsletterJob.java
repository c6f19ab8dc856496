package bulletin.batch;

/** Names shared by the job's wiring and its launcher. */
final class NewsletterJob {

    static final String NAME = "newsletter";
    static final String RESEND = "resend";

    /** Identifying: with the period, names the run (the job instance). */
    static final String CAMPAIGN = "campaign";
    /** Identifying: {@code YYYY-MM}. */
    static final String PERIOD = "period";
    /** Not identifying: where the job file is, read again by steps that (re)start. */
    static final String JOB_FILE = "jobFile";

    private NewsletterJob() {
    }
}
