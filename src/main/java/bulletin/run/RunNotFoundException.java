package bulletin.run;

/** The operator named a run that does not exist. */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(long runId) {
        super("there is no run " + runId + "; 'status' lists the runs and their ids");
    }
}
