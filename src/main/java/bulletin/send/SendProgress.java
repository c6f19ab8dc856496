package bulletin.send;

/**
 * Where the send step reports how far it is. The command line shows a progress bar on a terminal;
 * otherwise (cron, CI, tests) {@link LoggedProgress} writes a plain line every 10 seconds.
 */
public interface SendProgress {

    /** The send step starts (or resumes) with {@code toSend} recipients still to send. */
    void started(long runId, long toSend);

    /** {@code handled} recipients have an answer now, {@code notSent} of them refused or failed. */
    void advanced(long handled, long notSent);

    /** The step ends, however it ends. */
    void finished();
}
