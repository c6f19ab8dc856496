-- A message's recipient rows are written once, when its answer is recorded: while it is on the
-- wire, its first transaction's row alone says so, with the range of seqs its PENDING rows
-- fill (the round reader hands out consecutive PENDING rows) and its Message-ID. A crash or a
-- lost answer turns that range's PENDING rows IN_DOUBT. NULL first_seq: the rows themselves
-- carry the transaction (marked SENDING, as a split message's journal does, or before V20).
ALTER TABLE bulletin_transaction ADD COLUMN first_seq INT;
ALTER TABLE bulletin_transaction ADD COLUMN last_seq INT;
ALTER TABLE bulletin_transaction ADD COLUMN message_id VARCHAR(1000);
