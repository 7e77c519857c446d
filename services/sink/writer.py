"""Idempotent batch writes to Postgres: every statement is an upsert keyed on a stable id.

Event versions only move forward: an older version arriving late (a replay)
changes nothing. A batch is one transaction; the caller commits Kafka offsets
only after it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from schemas.records import (
    EVENT_SCHEMA_VERSION,
    MENTIONS_IN_RECORD,
    Article,
    DeadLetter,
    Duplicate,
    Event,
    MentionRef,
    RawArticle,
    by_publication,
    in_record,
)
from services.sink import rows
from services.sink.copies import regrown, reports_of
from services.sink.sentences import added_mentions, new_mention_rows, with_sentences

UPSERT_ARTICLE = """
INSERT INTO articles (article_id, url, canonical_url, source, feed_url, title, text, captions, language,
    published_at, published_precision, published_source, content_hash, word_count, duplicate_of, fetched_at,
    published_utc_offset)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
ON CONFLICT (article_id) DO UPDATE SET url = EXCLUDED.url, canonical_url = EXCLUDED.canonical_url,
    title = EXCLUDED.title, text = EXCLUDED.text, captions = EXCLUDED.captions, language = EXCLUDED.language,
    published_at = EXCLUDED.published_at, published_precision = EXCLUDED.published_precision,
    published_source = EXCLUDED.published_source, content_hash = EXCLUDED.content_hash,
    word_count = EXCLUDED.word_count, duplicate_of = COALESCE(EXCLUDED.duplicate_of, articles.duplicate_of),
    fetched_at = EXCLUDED.fetched_at, published_utc_offset = EXCLUDED.published_utc_offset
"""
UPSERT_DUPLICATE = """
INSERT INTO duplicates (article_id, duplicate_of, kind, similarity, detected_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (article_id) DO NOTHING
"""
UPSERT_EVENT = """
INSERT INTO events (event_id, version, plover_type, plover_mode, cameo_code, event_date, date_precision, country,
    admin1, place, lat, lon, num_mentions, num_sources, num_articles, confidence, first_reported, last_reported,
    record, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
ON CONFLICT (event_id) DO UPDATE SET version = EXCLUDED.version, plover_type = EXCLUDED.plover_type,
    plover_mode = EXCLUDED.plover_mode, cameo_code = EXCLUDED.cameo_code, event_date = EXCLUDED.event_date,
    date_precision = EXCLUDED.date_precision, country = EXCLUDED.country, admin1 = EXCLUDED.admin1,
    place = EXCLUDED.place, lat = EXCLUDED.lat, lon = EXCLUDED.lon, num_mentions = EXCLUDED.num_mentions,
    num_sources = EXCLUDED.num_sources, num_articles = EXCLUDED.num_articles, confidence = EXCLUDED.confidence,
    first_reported = EXCLUDED.first_reported, last_reported = EXCLUDED.last_reported, record = EXCLUDED.record,
    updated_at = EXCLUDED.updated_at
WHERE events.version < EXCLUDED.version
RETURNING event_id
"""
UPSERT_ACTOR = """
INSERT INTO event_actors (event_id, role, name, kind, country) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (event_id, role, name) DO UPDATE SET kind = EXCLUDED.kind, country = EXCLUDED.country
"""
UPSERT_MENTION = """
INSERT INTO event_mentions (mention_id, event_id, article_id, url, source, published_at, sentence, confidence,
    detail, added_in, added_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (mention_id) DO UPDATE SET event_id = EXCLUDED.event_id,
    sentence = CASE WHEN event_mentions.sentence = '' THEN EXCLUDED.sentence ELSE event_mentions.sentence END,
    detail = COALESCE(event_mentions.detail, EXCLUDED.detail), added_in = COALESCE(event_mentions.added_in,
    EXCLUDED.added_in), added_at = COALESCE(event_mentions.added_at, EXCLUDED.added_at)
"""
UPSERT_RAW = """
INSERT INTO raw_articles (article_id, url, feed_url, fetched_at, payload) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (article_id) DO UPDATE SET url = EXCLUDED.url, feed_url = EXCLUDED.feed_url,
    fetched_at = EXCLUDED.fetched_at, payload = EXCLUDED.payload
WHERE raw_articles.fetched_at <= EXCLUDED.fetched_at
"""
INSERT_DEAD_LETTER = """
INSERT INTO dead_letters (stage, error_type, error, topic, "partition", "offset", record, failed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (topic, "partition", "offset", stage) DO NOTHING
"""


SINK_LOCK = 0x6E657773666C6F77  # "newsflow": sink transactions run one at a time (see write_batch)


@dataclass
class Batch:
    """Records decoded from one poll of the sink's topics."""

    raw: list[tuple[RawArticle, bytes]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dead_letters: list[DeadLetter] = field(default_factory=list)

    @classmethod
    def merged(cls, parts: Iterable[Batch]) -> Batch:
        """One batch holding every record of ``parts``, in order."""
        out = cls()
        for part in parts:
            out.raw += part.raw
            out.articles += part.articles
            out.duplicates += part.duplicates
            out.events += part.events
            out.dead_letters += part.dead_letters
        return out

    def __len__(self) -> int:
        return len(self.raw) + len(self.articles) + len(self.duplicates) + len(self.events) + len(self.dead_letters)


def latest_versions(events: list[Event]) -> list[Event]:
    """Keep only the highest version of each event in a batch."""
    latest: dict[str, Event] = {}
    for event in events:
        if event.event_id not in latest or latest[event.event_id].version < event.version:
            latest[event.event_id] = event
    return list(latest.values())


async def write_batch(conn: asyncpg.Connection, batch: Batch) -> list[Event]:
    """Write one batch in one transaction; returns the events to publish: those whose stored version moved
    forward, completed from Postgres (counts over every mention, copies: ``copies.py``; sentences of the
    mentions they list: ``sentences.py``) and listing the mentions of the versions they stand for
    (``listed``), and stored ones whose copies grew with this batch's duplicates.
    A version writes only the mentions it added, so its cost does not grow with its event.

    Hazard: with several sink instances, a copy and the first version that mentions its original, written by
    two transactions at once, would each miss the other; so every sink transaction first takes one advisory
    lock, and the later one sees the earlier one's rows (they run one at a time; one sink is unaffected).
    """
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", SINK_LOCK)
        if batch.raw:
            await conn.executemany(UPSERT_RAW, [rows.raw_row(raw, payload) for raw, payload in batch.raw])
        article_rows: list[tuple[Any, ...]] = [rows.article_row(a) for a in batch.articles]
        article_rows += [rows.article_row(d.article, d.duplicate_of) for d in batch.duplicates]
        if article_rows:
            await conn.executemany(UPSERT_ARTICLE, article_rows)
        if batch.duplicates:
            await conn.executemany(UPSERT_DUPLICATE, [rows.duplicate_row(d) for d in batch.duplicates])
        added = [row for event in batch.events for row in new_mention_rows(event)]  # older versions' too
        if added:
            await conn.executemany(UPSERT_MENTION, added)
        latest = [e.model_copy(update={"added": []}) for e in latest_versions(batch.events)]  # stored, not published
        stored = await _stored_versions(conn, [e.event_id for e in latest])
        ahead = [e for e in latest if e.version > stored.get(e.event_id, 0)]
        since = _added_since(batch.events, stored)
        found = await reports_of(conn, [e.event_id for e in ahead])
        advanced = await with_sentences(conn, [found[e.event_id].applied(listed(e, since.get(e.event_id, [])))
                                               for e in ahead])
        for event in advanced:
            if await conn.fetchval(UPSERT_EVENT, *rows.event_row(event)) is None:
                raise RuntimeError(f"event {event.event_id} moved on under the sink's lock")
            await conn.execute("DELETE FROM event_actors WHERE event_id = $1", event.event_id)
            await conn.executemany(UPSERT_ACTOR, rows.actor_rows(event))
        if batch.dead_letters:
            await conn.executemany(INSERT_DEAD_LETTER, [rows.dead_letter_row(d) for d in batch.dead_letters])
        return advanced + await regrown(conn, batch.duplicates, [e.event_id for e in advanced])


def listed(event: Event, added: list[MentionRef] | None = None) -> Event:
    """The version as published: its window of mentions at the current record layout, listing also the
    mentions ``added`` by the versions it stands for (a poll stores only an event's latest version, and
    every mention must be listed by some published version), which count as new."""
    if not added and event.schema_version == EVENT_SCHEMA_VERSION and len(event.mentions) <= MENTIONS_IN_RECORD:
        return event
    every = {m.mention_id: m for m in event.mentions} | {m.mention_id: m for m in added or ()}
    new = list(dict.fromkeys([m.mention_id for m in added or ()] + event.new_mention_ids))
    return event.model_copy(update={"mentions": in_record(by_publication(list(every.values())), set(new)),
                                    "new_mention_ids": new,
                                    "schema_version": EVENT_SCHEMA_VERSION})


def _added_since(events: list[Event], stored: dict[str, int]) -> dict[str, list[MentionRef]]:
    """Per event, the mentions added by the batch's versions newer than the stored one."""
    out: dict[str, dict[str, MentionRef]] = {}
    for event in events:
        if event.version > stored.get(event.event_id, 0):
            out.setdefault(event.event_id, {}).update({m.mention_id: m for m in added_mentions(event)})
    return {event_id: list(refs.values()) for event_id, refs in out.items()}


async def _stored_versions(conn: asyncpg.Connection, event_ids: list[str]) -> dict[str, int]:
    """The stored version of each of these events that is stored."""
    if not event_ids:
        return {}
    return {row["event_id"]: row["version"] for row in await conn.fetch(
        "SELECT event_id::text AS event_id, version FROM events WHERE event_id = ANY($1::uuid[])", event_ids)}
