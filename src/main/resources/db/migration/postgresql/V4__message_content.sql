-- What the render step froze, beyond subject and bodies: the addressing mode, the list the
-- headers name, the unsubscribe targets, attachments, and for personal messages the campaign
-- variables and the template files themselves, so that a restart renders exactly the same.
ALTER TABLE bulletin_run ADD COLUMN mode VARCHAR(10) DEFAULT 'BCC' NOT NULL;
ALTER TABLE bulletin_run ADD COLUMN list_name VARCHAR(1000);
ALTER TABLE bulletin_run ADD COLUMN list_id VARCHAR(1000);
ALTER TABLE bulletin_run ADD COLUMN unsubscribe_mail VARCHAR(1000);
ALTER TABLE bulletin_run ADD COLUMN unsubscribe_url VARCHAR(4000);
ALTER TABLE bulletin_run ADD COLUMN attachments VARCHAR(16000);
ALTER TABLE bulletin_run ADD COLUMN variables TEXT;
ALTER TABLE bulletin_run ADD COLUMN templates TEXT;
