package bulletin.cli;

/** The documented exit statuses (docs/operator.md, "Exit codes"; the help lists them too: ExitCodesDocumentedTest holds both to these). */
final class ExitCodes {

    /** Every recipient who could be mailed was mailed (or the period was already sent). */
    static final int OK = 0;
    /** The run failed; it can be restarted. */
    static final int RUN_FAILED = 1;
    /** Usage, configuration or input error, or the run is being sent by another process: nothing was sent. */
    static final int BAD_INPUT = 2;
    /** The run completed but some recipients were refused, failed or are in doubt. */
    static final int SOME_NOT_SENT = 3;
    /** The run was stopped (budget or operator); it can be restarted. */
    static final int STOPPED = 4;
    /** {@code feedback}: members were refused because of the sender or the message (a blocklist, DMARC): they were kept, the sending side needs fixing. */
    static final int CAMPAIGN_PROBLEM = 5;

    private ExitCodes() {
    }
}
