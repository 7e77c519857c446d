"""The copies of an event's articles, read from Postgres inside the sink's transaction.

Dedup diverts syndicated and lightly edited copies before extraction; their
outlets reported the event too. The sink fills ``Event.copies`` and
``num_sources_with_copies`` when it publishes a version, and when a copy is
stored after its original's events were published it republishes those
events' latest stored version with the longer list: the same ``version``,
more ``copies`` (within a version the list only grows, because duplicates are
insert-only and the mentions of a version are fixed). Consumers keep, per
``event_id``, the record with the highest ``(version, len(copies))``; with one
sink that is also the last record of the key on the compacted topic.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from schemas.records import CopyRef, Duplicate, Event
from services.sink.rows import with_copies

COPIES_SQL = """
WITH RECURSIVE reports (event_id, article_id) AS (
    SELECT e, a FROM unnest($1::uuid[], $2::uuid[]) AS s (e, a)
    UNION
    SELECT r.event_id, d.article_id FROM reports r JOIN duplicates d ON d.duplicate_of = r.article_id
)
SELECT r.event_id::text AS event_id, r.article_id::text AS article_id, a.url, a.source, a.published_at, d.kind,
       d.similarity, d.duplicate_of::text AS copy_of
FROM reports r JOIN duplicates d ON d.article_id = r.article_id JOIN articles a ON a.article_id = r.article_id
ORDER BY a.source, a.url, r.article_id
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


async def copies_of(conn: asyncpg.Connection, events: list[Event]) -> dict[str, list[CopyRef]]:
    """Per event id, the stored copies (and copies of copies) of its mentions' articles."""
    pairs = [(e.event_id, m.article_id) for e in events for m in e.mentions]
    rows = await conn.fetch(COPIES_SQL, [p[0] for p in pairs], [p[1] for p in pairs]) if pairs else []
    out: dict[str, list[CopyRef]] = {e.event_id: [] for e in events}
    seen = {e.event_id: {m.article_id for m in e.mentions} for e in events}  # a mention is not its own copy
    for row in rows:
        if row["article_id"] in seen[row["event_id"]]:
            continue
        seen[row["event_id"]].add(row["article_id"])
        out[row["event_id"]].append(CopyRef(**{k: row[k] for k in (
            "article_id", "url", "source", "published_at", "kind", "similarity", "copy_of")}))
    return out


async def to_publish(conn: asyncpg.Connection, advanced: list[Event], duplicates: list[Duplicate]) -> list[Event]:
    """The advanced versions with their copies, then the stored events whose copies grew with ``duplicates``.

    Both are written back into ``events.record``, so the comparison (and a
    replayed duplicate) republishes nothing that did not change.
    """
    found = await copies_of(conn, advanced)
    out = [with_copies(event, found[event.event_id]) for event in advanced]
    originals = list({d.duplicate_of for d in duplicates})
    if originals:
        stored = [Event.model_validate(row["record"]) for row in
                  await conn.fetch(EVENTS_OF_ORIGINALS_SQL, originals, [e.event_id for e in advanced])]
        found = await copies_of(conn, stored)
        out += [with_copies(e, found[e.event_id]) for e in stored
                if [c.article_id for c in found[e.event_id]] != [c.article_id for c in e.copies]]
    if out:
        await conn.executemany(UPDATE_RECORD, [_record_row(e) for e in out])
    return out


def _record_row(event: Event) -> tuple[Any, ...]:
    return (event.event_id, event.model_dump(mode="json"), event.version)
