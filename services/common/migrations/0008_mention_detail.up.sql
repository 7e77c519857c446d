-- What the clusterer read of each mention (type, actors, place, counts, evidence: the EventMention without its
-- sentence), the event version that added it and when, so its open events can be rebuilt from Postgres when the
-- broker that held their changelog is gone (services/clusterer/rebuild.py). NULL for rows written before.
ALTER TABLE event_mentions ADD COLUMN detail jsonb;
ALTER TABLE event_mentions ADD COLUMN added_in integer;
ALTER TABLE event_mentions ADD COLUMN added_at timestamptz;
CREATE INDEX event_mentions_added_at_idx ON event_mentions (added_at);
