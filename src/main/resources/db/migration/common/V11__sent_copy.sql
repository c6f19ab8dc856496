-- A job's 'sent-copy: MAILBOX': the mailbox whose Sent folder keeps one copy of the campaign's
-- message, and what became of that copy (kept, or why not), written once per run.
ALTER TABLE bulletin_run ADD COLUMN sent_copy_mailbox VARCHAR(100);
ALTER TABLE bulletin_run ADD COLUMN sent_copy VARCHAR(2000);
