ALTER TABLE feed_items DROP CONSTRAINT feed_items_feed_url_fkey;
ALTER TABLE feed_items ADD CONSTRAINT feed_items_feed_url_fkey
    FOREIGN KEY (feed_url) REFERENCES feeds (feed_url) ON DELETE CASCADE;

ALTER TABLE feeds DROP COLUMN IF EXISTS disabled_at;
ALTER TABLE feeds DROP COLUMN IF EXISTS disabled_reason;
