-- One name per idea: a run's messages are numbered (message_no), each carries an envelope of
-- recipients (envelope_size); "chunk" is left to Spring Batch's transactions.
ALTER TABLE bulletin_recipient ALTER COLUMN chunk_no RENAME TO message_no;
ALTER TABLE bulletin_run ALTER COLUMN last_chunk_no RENAME TO last_message_no;
ALTER TABLE bulletin_run ALTER COLUMN chunk_size RENAME TO envelope_size;
