-- With relay: auto, the relay is chosen once the audience is staged; the choice and its reason stay with the run.
ALTER TABLE bulletin_run ADD COLUMN relay_reason VARCHAR(1000);
