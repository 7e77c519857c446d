-- Items the poller could not carry to news.raw (too large even when trimmed, refused by the broker, ...): why, how
-- often and since when. An item listed here stays unseen, so every poll tries it again; it leaves the list once it
-- is published. `newsflow feeds lost` lists them.
CREATE TABLE lost_items (
    feed_url        text NOT NULL REFERENCES feeds (feed_url) ON DELETE CASCADE ON UPDATE CASCADE,
    item_key        text NOT NULL,
    article_id      uuid NOT NULL,
    url             text NOT NULL,
    reason          text NOT NULL,
    attempts        integer NOT NULL DEFAULT 1,
    first_failed_at timestamptz NOT NULL DEFAULT now(),
    last_failed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_url, item_key)
);
CREATE INDEX lost_items_last_failed_idx ON lost_items (last_failed_at DESC);
