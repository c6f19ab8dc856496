package bulletin.audit;

/** One recipient of a run as the send step sees it: its place in the run and its address. */
public record LedgerEntry(long runId, int seq, String address, String displayName) {
}
