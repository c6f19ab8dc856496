-- The letter a run took from the association's mailbox (content: in the job file), by its
-- Message-ID: a letter another run took is never taken again, even when moving it to the sent
-- folder failed, so that no letter goes out twice.
CREATE TABLE bulletin_letter (
    message_id  VARCHAR(1000) NOT NULL,
    run_id      BIGINT        NOT NULL,
    taken_at    TIMESTAMP     NOT NULL,
    filed       VARCHAR(2000),
    CONSTRAINT bulletin_letter_pk PRIMARY KEY (message_id, run_id)
);
