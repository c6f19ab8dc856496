-- Addresses never to mail again (unsubscribed, bounced, complained), applied at staging.
-- address_key is the address lower-cased whole: an unsubscribe holds whatever case it is written in.
CREATE CACHED TABLE bulletin_suppression (
    address_key  VARCHAR(1000) NOT NULL PRIMARY KEY,
    address      VARCHAR(1000) NOT NULL,
    reason       VARCHAR(100)  NOT NULL,
    note         VARCHAR(2000),
    added_at     TIMESTAMP     NOT NULL
);

-- The other columns of a recipient's input row (CSV columns, LDIF attributes), for templates
-- that address each recipient personally: name,value pairs as one CSV record.
ALTER TABLE bulletin_recipient ADD COLUMN fields VARCHAR(32000);
