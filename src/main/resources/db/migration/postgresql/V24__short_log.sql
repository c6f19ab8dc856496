-- HSQLDB's version makes its log short (SET FILES LOG SIZE 3), so that a restart after a kill
-- replays little; PostgreSQL checkpoints its write-ahead log on its own. Nothing to change here.
SELECT 1;
