-- The UTC offset the page gave with its publication time (minutes east of UTC; NULL for feed dates, which are
-- UTC, and for rows written before it was kept), so the local day the page shows is not lost: published_at
-- holds the instant, published_at + the offset the page's wall-clock time.
ALTER TABLE articles ADD COLUMN published_utc_offset smallint;
