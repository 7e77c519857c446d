-- Poller: why a feed was disabled (by hand, HTTP 410, too many errors), and feed moves (301/308) carried to its items.

ALTER TABLE feeds ADD COLUMN disabled_reason text;
ALTER TABLE feeds ADD COLUMN disabled_at timestamptz;

ALTER TABLE feed_items DROP CONSTRAINT feed_items_feed_url_fkey;
ALTER TABLE feed_items ADD CONSTRAINT feed_items_feed_url_fkey
    FOREIGN KEY (feed_url) REFERENCES feeds (feed_url) ON DELETE CASCADE ON UPDATE CASCADE;
