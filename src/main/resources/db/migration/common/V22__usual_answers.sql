-- A message answered whole keeps its range: those of its recipients that got its usual answer
-- (accepted, with the reply to the end of data) stay PENDING in the range, and the answer is
-- written once, here, not on each of their rows: usual_status, usual_reply (as the relay wrote
-- it), usual_count (how many rows of the range it speaks for). Every reader of the ledger shows
-- such a row with its transaction's answer; a writer that changes one first writes the answer into
-- the range's rows and clears the range (bulletin.ledger.TransactionRanges).
ALTER TABLE bulletin_transaction ADD COLUMN usual_status VARCHAR(20);
ALTER TABLE bulletin_transaction ADD COLUMN usual_reply VARCHAR(2000);
ALTER TABLE bulletin_transaction ADD COLUMN usual_count INT;
