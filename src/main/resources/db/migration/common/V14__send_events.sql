-- What a send met on its way, for the run report's timeline: the relay did not take some
-- addresses and they were tried again (RETRY), or the run waited for the relay's budget (PAUSE).
-- A few rows per run at most, none on a smooth send. words: the relay's reply, or the budget.
CREATE TABLE bulletin_send_event (
    run_id        BIGINT        NOT NULL,
    execution_id  BIGINT        NOT NULL,
    happened_at   TIMESTAMP     NOT NULL,
    kind          VARCHAR(20)   NOT NULL,
    recipients    INT           NOT NULL,
    delay_ms      BIGINT        NOT NULL,
    words         VARCHAR(2000)
);
CREATE INDEX bulletin_send_event_run ON bulletin_send_event (run_id, happened_at);
