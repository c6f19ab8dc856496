-- When the personal data of a finished run was purged (bulletin purge, bulletin.retention): its
-- ledger rows keep their state, so the counts stay, but no address, name or relay words.
ALTER TABLE bulletin_run ADD COLUMN purged_at TIMESTAMP;
