-- Every report of an event: its own mentions, and the copies dedup found of the articles behind them
-- (syndicated, re-posted or lightly edited copies never reach extraction, but their outlets reported the
-- event too). Copies of copies follow the duplicate_of chain.
CREATE VIEW event_reports AS
WITH RECURSIVE reports (event_id, article_id, source, url, via, copy_of) AS (
    SELECT m.event_id, m.article_id, m.source, m.url, 'mention'::text, NULL::uuid
    FROM event_mentions m
    UNION
    SELECT r.event_id, a.article_id, a.source, a.url, 'copy'::text, a.duplicate_of
    FROM reports r
    JOIN articles a ON a.duplicate_of = r.article_id
)
SELECT event_id, article_id, source, url, via, copy_of FROM reports;
