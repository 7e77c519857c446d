"""What Postgres knows of an event beyond the version the clusterer sent: every mention, every copy.

A version lists a window of its mentions (``merge.in_record``), so the figures that cover all of them are
read here, inside the sink's transaction, from ``event_mentions`` (every mention the sink stored) and
``duplicates``: ``num_mentions``, ``num_articles``, ``num_sources``, the copies dedup diverted from the
mentions' articles (copies of copies too) with ``num_copies``, and ``num_sources_with_copies``. Two
statements per batch, whatever the events' sizes; the record lists at most ``MENTIONS_IN_RECORD`` copies,
earliest published first.

When a copy is stored after its original's events were published, the sink republishes those events' latest
stored version with the new copy counted: the same ``version``, a larger ``num_copies`` (within a version it
only grows, because duplicates are insert-only and a version's mentions are fixed). Consumers keep, per
``event_id``, the record with the highest ``(version, num_copies)``; with one sink that is also the last
record of the key on the compacted topic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import asyncpg

from schemas.records import MENTIONS_IN_RECORD, CopyRef, Duplicate, Event

MENTION_STATS_SQL = """
SELECT event_id::text AS event_id, count(*) AS mentions, count(DISTINCT article_id) AS articles,
       array_agg(DISTINCT source) AS sources
FROM event_mentions WHERE event_id = ANY($1::uuid[]) GROUP BY event_id
"""
COPIES_SQL = """
WITH RECURSIVE reports (event_id, article_id) AS (
    SELECT m.event_id, m.article_id FROM event_mentions m WHERE m.event_id = ANY($1::uuid[])
    UNION
    SELECT r.event_id, d.article_id FROM reports r JOIN duplicates d ON d.duplicate_of = r.article_id
), copies AS (
    SELECT r.event_id, r.article_id, a.url, a.source, a.published_at, d.kind, d.similarity, d.duplicate_of AS copy_of
    FROM reports r JOIN duplicates d ON d.article_id = r.article_id JOIN articles a ON a.article_id = r.article_id
    WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = r.event_id AND m.article_id = r.article_id)
), per_event AS (
    SELECT event_id, count(*) AS total, array_agg(DISTINCT source) AS sources FROM copies GROUP BY event_id
), ranked AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.event_id
                                   ORDER BY c.published_at NULLS LAST, c.source, c.url, c.article_id) AS n
    FROM copies c
)
SELECT r.event_id::text AS event_id, r.article_id::text AS article_id, r.url, r.source, r.published_at, r.kind,
       r.similarity, r.copy_of::text AS copy_of, p.total, p.sources
FROM ranked r JOIN per_event p USING (event_id) WHERE r.n <= $2
ORDER BY r.event_id, r.n
"""
EVENTS_OF_ORIGINALS_SQL = """
WITH RECURSIVE up (article_id) AS (
    SELECT unnest($1::uuid[])
    UNION
    SELECT d.duplicate_of FROM up JOIN duplicates d ON d.article_id = up.article_id
)
SELECT e.record FROM events e
WHERE e.event_id IN (SELECT m.event_id FROM event_mentions m JOIN up ON m.article_id = up.article_id)
  AND NOT e.event_id = ANY($2::uuid[])
"""
UPDATE_RECORD = "UPDATE events SET record = $2 WHERE event_id = $1 AND version = $3"


@dataclass
class Reports:
    """Every report of one event as Postgres has it: its mentions' figures and (a window of) its copies."""

    mentions: int = 0
    articles: int = 0
    sources: set[str] = field(default_factory=set)
    copies: list[CopyRef] = field(default_factory=list)
    num_copies: int = 0
    copy_sources: set[str] = field(default_factory=set)

    def applied(self, event: Event) -> Event:
        """``event`` with the counts over every stored mention (never below its own) and its copies."""
        return event.model_copy(update={
            "num_mentions": max(self.mentions, event.num_mentions),
            "num_articles": max(self.articles, event.num_articles),
            "num_sources": max(len(self.sources), event.num_sources),
            "copies": self.copies, "num_copies": self.num_copies,
            "num_sources_with_copies": len(self.sources | self.copy_sources | {m.source for m in event.mentions}),
        })


async def reports_of(conn: asyncpg.Connection, event_ids: list[str],
                     window: int = MENTIONS_IN_RECORD) -> dict[str, Reports]:
    """Per event id, its stored mentions' figures and the first ``window`` of its copies with their count."""
    out = {event_id: Reports() for event_id in event_ids}
    if not event_ids:
        return out
    for row in await conn.fetch(MENTION_STATS_SQL, event_ids):
        found = out[row["event_id"]]
        found.mentions, found.articles, found.sources = row["mentions"], row["articles"], set(row["sources"])
    for row in await conn.fetch(COPIES_SQL, event_ids, window):
        found = out[row["event_id"]]
        found.num_copies, found.copy_sources = row["total"], set(row["sources"])
        found.copies.append(CopyRef(**{k: row[k] for k in (
            "article_id", "url", "source", "published_at", "kind", "similarity", "copy_of")}))
    return out


async def regrown(conn: asyncpg.Connection, duplicates: list[Duplicate], advanced: list[str]) -> list[Event]:
    """The stored events (other than ``advanced``) whose copies grew with ``duplicates``, recounted and written
    back into ``events.record``, so a replayed duplicate republishes nothing."""
    originals = list({d.duplicate_of for d in duplicates})
    if not originals:
        return []
    stored = [Event.model_validate(row["record"]) for row in
              await conn.fetch(EVENTS_OF_ORIGINALS_SQL, originals, advanced)]
    found = await reports_of(conn, [e.event_id for e in stored])
    out = [found[e.event_id].applied(e) for e in stored
           if found[e.event_id].num_copies != max(e.num_copies, len(e.copies))]
    if out:
        await conn.executemany(UPDATE_RECORD, [_record_row(e) for e in out])
    return out


def _record_row(event: Event) -> tuple[Any, ...]:
    return (event.event_id, event.model_dump(mode="json"), event.version)
