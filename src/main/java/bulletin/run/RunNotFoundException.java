package bulletin.run;

import bulletin.problem.UserError;

/** The operator named a run that does not exist. */
public class RunNotFoundException extends RuntimeException implements UserError {

    public RunNotFoundException(long runId) {
        super("there is no run " + runId + "; 'status' lists the runs and their ids");
    }
}
