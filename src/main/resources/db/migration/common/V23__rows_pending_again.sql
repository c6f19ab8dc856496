-- An attempt reads a run's PENDING rows above its answered ranges (the rows below are the ones
-- those ranges speak for, V22), unless rows were put back to PENDING among them since the last
-- attempt that read the run from its start: pending_again counts the writes that did so (a
-- message that did not leave, the operator's re-opening, Mailjet's "never received", a crash's
-- held rows), pending_again_read is the count the last such attempt saw (bulletin.ledger.Ledger
-- #firstToRead). A count, not a flag: rows put back while an attempt settles are never lost.
ALTER TABLE bulletin_run ADD COLUMN pending_again INT DEFAULT 0 NOT NULL;
ALTER TABLE bulletin_run ADD COLUMN pending_again_read INT DEFAULT 0 NOT NULL;
-- A run with answered ranges before this version was checked by counting its PENDING rows: its
-- next attempt reads it from the start once.
UPDATE bulletin_run SET pending_again = 1 WHERE run_id IN (SELECT run_id FROM bulletin_transaction
    WHERE first_seq IS NOT NULL AND state = 'ANSWERED' AND usual_status IS NOT NULL);
