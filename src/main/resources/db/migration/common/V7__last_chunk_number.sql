-- The run keeps the number of its last message, so that a resumed send does not scan the whole
-- ledger for MAX(chunk_no) (seconds at a million recipients). Runs sent before this version take
-- theirs from the ledger once, here.
ALTER TABLE bulletin_run ADD COLUMN last_chunk_no INTEGER;
UPDATE bulletin_run r SET last_chunk_no = (SELECT MAX(l.chunk_no) FROM bulletin_recipient l WHERE l.run_id = r.run_id);
