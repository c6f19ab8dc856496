-- A period whose run was abandoned can be sent after all in a new run (send --new-run): runs of one
-- campaign and period are numbered (take 1, 2, ...), still one per number.
ALTER TABLE bulletin_run ADD COLUMN take INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE bulletin_run DROP CONSTRAINT bulletin_run_campaign_period;
ALTER TABLE bulletin_run ADD CONSTRAINT bulletin_run_campaign_period_take UNIQUE (campaign, period, take);
