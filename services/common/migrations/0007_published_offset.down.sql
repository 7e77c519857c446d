ALTER TABLE articles DROP COLUMN published_utc_offset;
