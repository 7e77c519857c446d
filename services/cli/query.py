"""``newsflow events`` and ``newsflow articles``: what is stored, as JSON lines or a table."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import asyncpg
from tabulate import tabulate

from schemas.records import MentionRef
from services.sink.copies import reports_of

EVENTS_SQL = """
SELECT e.record,
       (SELECT count(DISTINCT r.source) FROM event_reports r WHERE r.event_id = e.event_id) AS sources,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('article_id', r.article_id, 'source', r.source, 'url', r.url,
                                                     'copy_of', r.copy_of) ORDER BY r.source, r.url), '[]')
        FROM event_reports r WHERE r.event_id = e.event_id AND r.via = 'copy') AS copies
FROM events e
WHERE ($1::date IS NULL OR event_date >= $1) AND ($2::text IS NULL OR country = upper($2))
  AND ($3::text IS NULL OR plover_type = upper($3)) AND ($5::text IS NULL OR starts_with(e.event_id::text, lower($5)))
  AND ($6::date IS NULL OR event_date <= $6)
  AND ($7::text IS NULL OR strpos(lower((jsonb_path_query_array(e.record, '$.actors[*].name')
      || jsonb_path_query_array(e.record, '$.actors[*].surface_forms[*]')
      || jsonb_path_query_array(e.record, '$.location.name') || jsonb_path_query_array(e.record, '$.location.admin1')
      || jsonb_path_query_array(e.record, '$.location.surface_forms[*]'))::text), lower($7)) > 0)
ORDER BY event_date DESC NULLS LAST, num_mentions DESC, event_id
LIMIT $4
"""
ARTICLES_SQL = """
SELECT article_id::text, url, canonical_url, source, feed_url, title, text, captions, language, published_at,
       published_precision, published_source, content_hash, word_count, duplicate_of::text, published_utc_offset
FROM articles
WHERE ($1::timestamptz IS NULL OR published_at >= $1) AND ($2::text IS NULL OR source = $2)
ORDER BY published_at DESC NULLS LAST, article_id
LIMIT $3
"""


MENTIONS_SQL = """
SELECT event_id::text AS event_id, mention_id::text AS mention_id, article_id::text AS article_id, url, source,
       published_at, sentence, confidence
FROM event_mentions WHERE event_id = ANY($1::uuid[])
ORDER BY published_at NULLS LAST, mention_id
"""


async def fetch_events(conn: asyncpg.Connection, since: dt.date | None, country: str | None,
                       plover: str | None, limit: int | None, event_id: str | None = None,
                       all_mentions: bool = False, *, until: dt.date | None = None,
                       text: str | None = None) -> list[dict[str, Any]]:
    """Stored events, newest first, as their JSON records: with the copies dedup found of their articles
    (``copies``) and the distinct outlets of mentions and copies together (``num_sources_with_copies``).
    ``event_id`` may be a prefix (the table shows 8 characters); ``limit`` None lists every one. A record lists
    at most 20 mentions and copies; ``all_mentions`` lists every stored one instead. ``until`` keeps events on
    or before that day; ``text`` those whose actors (names, surface forms) or place (name, admin1, surface forms)
    contain it, ignoring case. ``conn`` comes from ``create_pool``, which decodes jsonb."""
    rows = await conn.fetch(EVENTS_SQL, since, country, plover, limit, event_id, until, text)
    records = [_with_copies(dict(r["record"]), r) for r in rows]
    if all_mentions and records:
        every: dict[str, list[dict[str, Any]]] = {r["event_id"]: [] for r in records}
        for row in await conn.fetch(MENTIONS_SQL, list(every)):
            mention = MentionRef.model_validate({k: v for k, v in row.items() if k != "event_id"})
            every[row["event_id"]].append(mention.model_dump(mode="json"))  # as a record lists it
        found = await reports_of(conn, list(every), window=2**31 - 1)
        for record in records:
            copies = [c.model_dump(mode="json") for c in found[record["event_id"]].copies]
            record.update(mentions=every[record["event_id"]], copies=copies)
    return records


def _with_copies(record: dict[str, Any], row: asyncpg.Record) -> dict[str, Any]:
    """The record as the sink stored it (copies included); a record stored before the sink filled copies gets
    them from the ``event_reports`` view."""
    if record.get("num_sources_with_copies") is None:
        record.update(num_sources_with_copies=row["sources"], copies=row["copies"])
    return record


async def fetch_articles(conn: asyncpg.Connection, since: dt.datetime | None, source: str | None,
                         limit: int | None) -> list[dict[str, Any]]:
    """Stored articles (unique and duplicates), newest first."""
    rows = await conn.fetch(ARTICLES_SQL, since, source, limit)
    return [{**dict(r), "published_at": local_time(r["published_at"], r["published_utc_offset"])} for r in rows]


def local_time(at: dt.datetime | None, offset_minutes: int | None) -> str | None:
    """ISO 8601 of a stored instant at the UTC offset the page gave (UTC when none was kept)."""
    if at is None:
        return None
    return at.astimezone(dt.timezone(dt.timedelta(minutes=offset_minutes or 0))).isoformat()


def json_lines(records: list[dict[str, Any]]) -> str:
    """One JSON object per line."""
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)


def _actor(record: dict[str, Any], role: str) -> str:
    return next((a["name"] for a in record.get("actors", []) if a["role"] == role), "-")


def _place(record: dict[str, Any]) -> str:
    loc = record.get("location")
    if not loc:
        return "-"
    parts = [loc.get("name"), loc.get("admin1") if loc.get("admin1") != loc.get("name") else None,
             loc.get("country")]
    return ", ".join(p for p in parts if p)


def _quantities(record: dict[str, Any]) -> str:
    out = []
    for q in record.get("quantities", []):
        span = str(q["min"]) if q["min"] == q["max"] else f"{q['min']}-{q['max']}"
        out.append(f"{q['what']} {span}")
    return "; ".join(out) or "-"


def _counts(record: dict[str, Any]) -> str:
    return f"{record['num_mentions']}/{record.get('num_sources_with_copies') or record['num_sources']}"


def events_table(records: list[dict[str, Any]]) -> str:
    """A readable table of events."""
    rows = [[r.get("event_date") or "?", f"{r['event_type']['plover']}/{r['event_type'].get('mode') or '-'}"
             f" ({r['event_type'].get('cameo') or '-'})", _actor(r, "source"), _actor(r, "target"), _place(r),
             _quantities(r), _counts(r), r["event_id"][:8]] for r in records]
    headers = ["date", "type (CAMEO)", "source actor", "target actor", "place", "counts", "mentions/sources", "id"]
    return tabulate(rows, headers=headers, tablefmt="simple")


def articles_table(records: list[dict[str, Any]]) -> str:
    """A readable table of articles."""
    rows = [[(r["published_at"] or "?")[:16], r["source"], r["language"] or "?", r["title"][:70],
             (r["duplicate_of"] or "")[:8], r["article_id"][:8]] for r in records]
    return tabulate(rows, headers=["published", "source", "lang", "title", "dup of", "id"], tablefmt="simple")
