-- On HSQLDB this version gives the helper a row cache that holds a run and drops the index of the
-- ledger's foreign key (see hsqldb/V21). PostgreSQL has its own cache and builds no index for a
-- foreign key: nothing changes here, the version only keeps both schemas numbered alike.
SELECT 1;
