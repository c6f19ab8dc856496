-- A send writes little log since a message's answer stays on its transaction's row (V22): a
-- million-recipient send never reached HSQLDB's default log size (50 MB), so a run killed while
-- sending replayed, at its restart, all it had logged since its staging's checkpoint (9 MB, 3 s of
-- the restart, measured: bench/RESULTS.md "Session 19"). At 3 MB HSQLDB checkpoints as the send
-- goes and a restart replays a second at most; a full million-recipient run measured no slower
-- (each checkpoint writes only the rows changed since the one before).
SET FILES LOG SIZE 3;
