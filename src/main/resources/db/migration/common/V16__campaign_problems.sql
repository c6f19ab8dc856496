-- Members refused because of the sender or the message (a blocklisted IP, SPF/DKIM/DMARC, a
-- filter, a rate limit), per run and recipient domain: the campaign's problem, never the member's.
-- Counted per refusal read (a bounce, a relay's answer, a Mailjet event); example: the remote
-- words of one of them, addresses masked. No address is kept: the table outlives the run's rows.
CREATE TABLE bulletin_campaign_problem (
    run_id      BIGINT        NOT NULL,
    domain      VARCHAR(255)  NOT NULL,
    refusals    INT           NOT NULL,
    example     VARCHAR(2000),
    first_seen  TIMESTAMP     NOT NULL,
    last_seen   TIMESTAMP     NOT NULL,
    CONSTRAINT bulletin_campaign_problem_pk PRIMARY KEY (run_id, domain)
);
