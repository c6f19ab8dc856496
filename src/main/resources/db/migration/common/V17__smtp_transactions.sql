-- One row per SMTP transaction: a message, or each part of it when the relay takes fewer
-- recipients per message than its envelope holds (452 4.5.3) or defers some (4xx). A recipient
-- row names its transaction (message_no, part_no) while it is on the wire, so a crash or a lost
-- answer puts in doubt exactly that transaction's recipients: a SENDING row with no part was
-- never handed to the relay and goes back to PENDING.
-- state: SENDING (handed to the relay, no answer yet), ANSWERED, LOST (the answer never came),
-- UNSENT (failed before the end of its data: it went to nobody).
-- relay_reply: the relay's answer to the end of data, addresses masked (the row outlives erasures).
CREATE TABLE bulletin_transaction (
    run_id        BIGINT        NOT NULL,
    message_no    INT           NOT NULL,
    part_no       INT           NOT NULL,
    execution_id  BIGINT,
    state         VARCHAR(20)   NOT NULL,
    recipients    INT           NOT NULL,
    relay_reply   VARCHAR(2000),
    updated_at    TIMESTAMP     NOT NULL,
    CONSTRAINT bulletin_transaction_pk PRIMARY KEY (run_id, message_no, part_no)
);

ALTER TABLE bulletin_recipient ADD COLUMN part_no INT;

-- Rows SENDING when this version arrives were on the wire as one transaction: still in doubt.
UPDATE bulletin_recipient SET part_no = 1 WHERE status = 'SENDING';
