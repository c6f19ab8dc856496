-- Who holds a run's lock when the lock is in the database (PostgreSQL: an advisory lock per run,
-- held by the sending process's session): the host and process, for the refusal's message and
-- for `status` on another host. The lock itself ends with its session, however the process ends.
CREATE TABLE bulletin_run_lock (
    campaign  VARCHAR(200) NOT NULL,
    period    VARCHAR(20)  NOT NULL,
    host      VARCHAR(300) NOT NULL,
    pid       BIGINT       NOT NULL,
    since     TIMESTAMP    NOT NULL,
    CONSTRAINT bulletin_run_lock_pk PRIMARY KEY (campaign, period)
);
