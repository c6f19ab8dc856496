-- The feedback loop: what came back from the mailbox and from Mailjet, read once.

-- Every mailbox message Bulletin examined, named for good (imap:UIDVALIDITY:UID, pop3:UIDL): a
-- message seen twice counts once. state: LEFT (left alone, untouched), APPLIED (its suppression
-- is committed, the message not yet set aside), SET_ASIDE (moved or deleted).
CREATE TABLE bulletin_feedback_message (
    mailbox      VARCHAR(100)  NOT NULL,
    message_key  VARCHAR(300)  NOT NULL,
    message_id   VARCHAR(1000),
    kind         VARCHAR(30)   NOT NULL,
    detail       VARCHAR(4000),
    state        VARCHAR(20)   NOT NULL,
    seen_at      TIMESTAMP     NOT NULL,
    CONSTRAINT bulletin_feedback_message_pk PRIMARY KEY (mailbox, message_key)
);
CREATE INDEX bulletin_feedback_message_id ON bulletin_feedback_message (message_id);

-- Temporary failures per address, one row per source (a bounce, a refusal, a Mailjet event):
-- an address is suppressed once they come from bulletin.feedback.soft-bounce-limit runs.
CREATE TABLE bulletin_soft_bounce (
    address_key  VARCHAR(1000) NOT NULL,
    source       VARCHAR(1000) NOT NULL,
    run_id       BIGINT,
    status       VARCHAR(30),
    words        VARCHAR(2000),
    seen_at      TIMESTAMP     NOT NULL,
    CONSTRAINT bulletin_soft_bounce_pk PRIMARY KEY (address_key, source)
);

-- Which run a suppression came from, and from where (mailbox NAME, mailjet, relay, import, manual).
ALTER TABLE bulletin_suppression ADD COLUMN run_id BIGINT;
ALTER TABLE bulletin_suppression ADD COLUMN source VARCHAR(200);

-- Mailjet's events already applied (message and status), and how far each run was read.
CREATE TABLE bulletin_mailjet_event (
    mailjet_message_id BIGINT      NOT NULL,
    status             VARCHAR(30) NOT NULL,
    run_id             BIGINT,
    address            VARCHAR(1000),
    seen_at            TIMESTAMP   NOT NULL,
    CONSTRAINT bulletin_mailjet_event_pk PRIMARY KEY (mailjet_message_id, status)
);
CREATE TABLE bulletin_mailjet_pull (
    run_id       BIGINT       NOT NULL PRIMARY KEY,
    campaign_id  BIGINT,
    pulled_at    TIMESTAMP    NOT NULL,
    events       INT          NOT NULL
);
