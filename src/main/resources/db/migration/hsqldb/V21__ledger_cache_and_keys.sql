-- The ledger's rows of a run stay in the helper's row cache while it is staged and sent: with
-- HSQLDB's default cache (50,000 rows, 10 MB) a 100,000-recipient run was evicted to the data
-- file and read back for each index insert and each answer (JFR: reading rows back was the
-- helper's first cost; staging and sending measured about 1 s faster with this cache). A new
-- database gets the same from the URL (application.yml); an existing one here, from its next open.
-- 150,000 rows / 32 MB hold in the helper's 256 MB heap: a million-recipient run was measured.
SET FILES CACHE ROWS 150000;
SET FILES CACHE SIZE 32768;

-- HSQLDB gives a foreign key an index of its own, beside the primary key (run_id, seq) that
-- already starts with run_id: one more index insert for each staged row and one more index
-- delete and insert for each answer (measured: about 0.5 s of a 100,000-recipient run). Bulletin
-- writes a recipient row only for a run it recorded, and deletes a run only when its staging is
-- done again, its rows first (Ledger.saveRun; a purge keeps the run): the key is dropped on
-- HSQLDB. PostgreSQL keeps it (it builds no index for it).
ALTER TABLE bulletin_recipient DROP CONSTRAINT bulletin_recipient_run;
