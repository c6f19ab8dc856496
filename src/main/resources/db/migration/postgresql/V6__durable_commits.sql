-- HSQLDB's version writes every commit to disk when it returns (SET FILES WRITE DELAY FALSE);
-- PostgreSQL does so already (synchronous_commit on, its default). Nothing to change here.
SELECT 1;
