-- Mail Bulletin sent to a member about an unsubscribe request: a request whose sender the mailbox's
-- server did not authenticate gets a confirmation to answer (kind ASK, its token in the subject);
-- an honoured request may get a notice (kind NOTICE). At most one a day to an address, never to an
-- address Bulletin does not mail. answered_at: when the answer to an ASK was read.
CREATE TABLE bulletin_unsubscribe_confirmation (
    token        VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind         VARCHAR(10)   NOT NULL,
    address      VARCHAR(1000) NOT NULL,
    address_key  VARCHAR(1000) NOT NULL,
    run_id       BIGINT,
    asked_at     TIMESTAMP     NOT NULL,
    answered_at  TIMESTAMP
);
CREATE INDEX bulletin_unsubscribe_confirmation_address ON bulletin_unsubscribe_confirmation (address_key, asked_at);
