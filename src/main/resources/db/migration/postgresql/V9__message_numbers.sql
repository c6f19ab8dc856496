-- One name per idea: a run's messages are numbered (message_no), each carries an envelope of
-- recipients (envelope_size); "chunk" is left to Spring Batch's transactions.
ALTER TABLE bulletin_recipient RENAME COLUMN chunk_no TO message_no;
ALTER TABLE bulletin_run RENAME COLUMN last_chunk_no TO last_message_no;
ALTER TABLE bulletin_run RENAME COLUMN chunk_size TO envelope_size;
