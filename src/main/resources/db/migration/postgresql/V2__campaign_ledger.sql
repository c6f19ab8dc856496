-- One row per run of a campaign: a run is a Spring Batch job instance (campaign + period).
-- What the stage and render steps froze is kept here, so that a restart sends exactly the
-- same content, from the same sender, through the same relay profile.
CREATE TABLE bulletin_run (
    run_id        BIGINT        NOT NULL PRIMARY KEY,
    campaign      VARCHAR(200)  NOT NULL,
    period        VARCHAR(20)   NOT NULL,
    job_file      VARCHAR(2000) NOT NULL,
    relay         VARCHAR(100)  NOT NULL,
    sender        VARCHAR(1000) NOT NULL,
    reply_to      VARCHAR(1000),
    to_header     VARCHAR(1000) NOT NULL,
    chunk_size    INT           NOT NULL,
    subject       VARCHAR(4000),
    html_body     TEXT,
    text_body     TEXT,
    created_at    TIMESTAMP     NOT NULL,
    staged_at     TIMESTAMP,
    rendered_at   TIMESTAMP,
    CONSTRAINT bulletin_run_campaign_period UNIQUE (campaign, period)
);

-- The ledger: one row per input recipient per run, and its state.
-- address_key is the deduplication key of rows that may be sent to (NULL for rejected rows).
-- Staging keeps keys unique per run itself: a UNIQUE index over a million random keys makes
-- every insert a disk seek once the table outgrows the row cache.
CREATE TABLE bulletin_recipient (
    run_id        BIGINT        NOT NULL,
    seq           INT           NOT NULL,
    address       VARCHAR(1000) NOT NULL,
    address_key   VARCHAR(1000),
    display_name  VARCHAR(1000),
    source_file   VARCHAR(2000),
    source_line   BIGINT,
    status        VARCHAR(20)   NOT NULL,
    reason        VARCHAR(2000),
    execution_id  BIGINT,
    chunk_no      INT,
    message_id    VARCHAR(1000),
    relay_reply   VARCHAR(2000),
    updated_at    TIMESTAMP     NOT NULL,
    CONSTRAINT bulletin_recipient_pk PRIMARY KEY (run_id, seq),
    CONSTRAINT bulletin_recipient_run FOREIGN KEY (run_id) REFERENCES bulletin_run (run_id)
);

CREATE INDEX bulletin_recipient_state ON bulletin_recipient (run_id, status, seq);
