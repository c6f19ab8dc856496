-- Every commit on disk when it returns (databases created before the URL said so too): the
-- ledger's SENDING mark must survive a process killed right after it (see application.yml).
SET FILES WRITE DELAY FALSE;
