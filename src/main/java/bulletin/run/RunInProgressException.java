package bulletin.run;

import bulletin.problem.UserError;

/** A run that another process is sending right now: starting it here would mail people twice. */
public class RunInProgressException extends RuntimeException implements UserError {

    RunInProgressException(String campaign, String period, String holder) {
        super("Campaign " + campaign + " " + period + " is being sent right now by another Bulletin process ("
                + holder + "), so it was not started a second time. Follow it with `bulletin status`, or stop that "
                + "process first.");
    }
}
