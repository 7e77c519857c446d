ALTER TABLE event_mentions DROP COLUMN detail, DROP COLUMN added_in, DROP COLUMN added_at;
