"""Faust agents: news.normalized → by canonical URL → by content hash → near (LSH) → news.articles | duplicates.

Each check runs on a topic keyed by what it compares (canonical URL, content
hash; the near check on one deciding key, whose partition holds the LSH
buckets), so two copies meet in one partition whichever partition
each article arrived on. Tables are changelog-backed: a restarted worker
recovers them before it processes anything. Entries older than the dedup
window are ignored, and swept partition by partition (services/dedup/sweep.py).

Table keys are digests of the compared strings, not the message keys: Faust
writes a table change to the changelog partition of the event being
processed (``Table._send_changelog`` uses ``event.message.partition``), so
state stays co-partitioned with the input whatever the table key is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import faust

from schemas.records import Article
from schemas.topics import ARTICLES, DEDUP_BY_HASH, DEDUP_BY_URL, DUPLICATES, NORMALIZED
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded, raw_table
from services.dedup.exact import (
    SeenEntry,
    content_key,
    duplicate_record,
    earlier_copy,
    is_expired,
    new_entry,
    pack,
    table_key,
    unpack,
)
from services.dedup.near_agents import NearStage
from services.dedup.sweep import SweepClock, sweep_partition


def _sweep(table: Any, clock: SweepClock, event: faust.EventT, window: dt.timedelta) -> None:
    """Delete expired entries of the event's partition (at most hourly); each value names its partition."""
    now, partition = dt.datetime.now(dt.UTC), event.message.partition

    def keep(stored: bytes) -> bytes | None:
        entry = _seen(stored)
        return None if entry is None or is_expired(entry, now, window) else stored

    if clock.due(partition, now.timestamp()):
        sweep_partition(table, partition, _owner, keep)


def _seen(stored: bytes | None) -> SeenEntry | None:
    """The entry of a table value (None when absent)."""
    unpacked = unpack(stored)
    return unpacked[0] if unpacked else None


def _owner(_key: bytes, stored: bytes) -> int:
    """The input partition that owns a table entry."""
    unpacked = unpack(stored)
    return unpacked[1] if unpacked else -1


def register(app: faust.App, settings: Settings) -> None:
    """Attach the three dedup agents and their tables to ``app``."""
    window = dt.timedelta(days=settings.pipeline.dedup_window_days)
    normalized = bytes_topic(app, NORMALIZED.name)
    by_url, by_hash = bytes_topic(app, DEDUP_BY_URL.name), bytes_topic(app, DEDUP_BY_HASH.name)
    articles, duplicates, dlq = bytes_topic(app, ARTICLES.name), bytes_topic(app, DUPLICATES.name), dlq_topic(app)
    urls, hashes = raw_table(app, "dedup-url-digests"), raw_table(app, "dedup-hash-digests")
    retries = settings.pipeline.max_retries
    url_clock, hash_clock, near = SweepClock(), SweepClock(), NearStage(app, settings, dlq)

    async def route(event: faust.EventT) -> None:
        article = decode(Article, event.value)
        await by_url.send(key=encode_key(article.canonical_url), value=event.value)

    async def check_url(event: faust.EventT) -> None:
        article, now = decode(Article, event.value), dt.datetime.now(dt.UTC)
        url_key = table_key(article.canonical_url)
        original = earlier_copy(_seen(urls.get(url_key)), article, now, window)
        _sweep(urls, url_clock, event, window)
        if original:
            await duplicates.send(key=encode_key(article.article_id),
                                  value=encode(duplicate_record(article, original, "url", now)))
            return
        urls[url_key] = pack(new_entry(article, now), event.message.partition)
        key = content_key(article)
        if key is None:
            await articles.send(key=encode_key(article.article_id), value=event.value)
        else:
            await by_hash.send(key=encode_key(key), value=event.value)

    async def check_content(event: faust.EventT) -> None:
        article, now = decode(Article, event.value), dt.datetime.now(dt.UTC)
        hash_key = table_key(article.content_hash)
        seen = _seen(hashes.get(hash_key))
        original = earlier_copy(seen, article, now, window)
        _sweep(hashes, hash_clock, event, window)
        if original:
            await duplicates.send(key=encode_key(article.article_id),
                                  value=encode(duplicate_record(article, original, "content", now)))
            return
        # a redelivered article keeps the time it was first seen: its place in the near-duplicate order
        entry = seen if seen and seen["article_id"] == article.article_id else new_entry(article, now)
        hashes[hash_key] = pack(entry, event.message.partition)
        await near.submit(article, int(entry["seen_at"]))

    @app.agent(normalized, name="route_by_url")
    async def route_by_url(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("dedup", event, route, dlq, retries)

    @app.agent(by_url, name="dedup_by_url")
    async def dedup_by_url(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("dedup", event, check_url, dlq, retries)

    @app.agent(by_hash, name="dedup_by_content")
    async def dedup_by_content(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("dedup", event, check_content, dlq, retries)

    near.register(app)
