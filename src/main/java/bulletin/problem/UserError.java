package bulletin.problem;

/**
 * A failure the operator caused and can fix — a job file, a recipient file, a template, a
 * setting, a run that does not exist or is being sent elsewhere — whose message names the place
 * and the fix. The command line prints that message, no trace, and exits 2; nothing was sent.
 */
public interface UserError {
}
