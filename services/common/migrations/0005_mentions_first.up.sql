-- The sink writes a version's new mentions before the event row, so that the counts it stores with the event
-- (every mention, not only the ones a record lists) are read from event_mentions in the same transaction;
-- the foreign key is checked when that transaction commits.
ALTER TABLE event_mentions ALTER CONSTRAINT event_mentions_event_id_fkey DEFERRABLE INITIALLY DEFERRED;
