"""Faust agents: news.normalized → by canonical URL → by content hash → news.articles | news.duplicates.

Each check runs on a topic keyed by what it compares (canonical URL, then
content hash), so two copies meet in one partition whichever partition each
article arrived on. Tables are changelog-backed: a restarted worker recovers
them before it processes anything. Entries older than the dedup window are
ignored and swept by a timer.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import faust

from schemas.records import Article
from schemas.topics import ARTICLES, DEDUP_BY_HASH, DEDUP_BY_URL, DUPLICATES, NORMALIZED
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded
from services.dedup.exact import SeenEntry, content_key, duplicate_record, earlier_copy, is_expired, new_entry


def _entry(stored: bytes | None) -> SeenEntry | None:
    """A table value decoded."""
    if not stored:
        return None
    data = json.loads(stored)
    return SeenEntry(article_id=str(data["article_id"]), seen_at=float(data["seen_at"]))


def _encoded(entry: SeenEntry) -> bytes:
    """A table value encoded (tables hold bytes; JSON inside)."""
    return json.dumps(entry).encode()


def _sweep(table: Any, now: dt.datetime, window: dt.timedelta) -> int:
    """Delete expired entries from the local partitions of a table."""
    expired = [key for key, stored in list(table.items())
               if (entry := _entry(stored)) and is_expired(entry, now, window)]
    for key in expired:
        del table[key]
    return len(expired)


def register(app: faust.App, settings: Settings) -> None:
    """Attach the three dedup agents and their tables to ``app``."""
    window = dt.timedelta(days=settings.pipeline.dedup_window_days)
    normalized = bytes_topic(app, NORMALIZED.name)
    by_url, by_hash = bytes_topic(app, DEDUP_BY_URL.name), bytes_topic(app, DEDUP_BY_HASH.name)
    articles, duplicates, dlq = bytes_topic(app, ARTICLES.name), bytes_topic(app, DUPLICATES.name), dlq_topic(app)
    urls = app.Table("dedup-urls", key_type=str, value_type=bytes, default=None)
    hashes = app.Table("dedup-hashes", key_type=str, value_type=bytes, default=None)
    retries = settings.pipeline.max_retries

    async def route(event: faust.EventT) -> None:
        article = decode(Article, event.value)
        await by_url.send(key=encode_key(article.canonical_url), value=event.value)

    async def check_url(event: faust.EventT) -> None:
        article, now = decode(Article, event.value), dt.datetime.now(dt.UTC)
        original = earlier_copy(_entry(urls.get(article.canonical_url)), article, now, window)
        if original:
            await duplicates.send(key=encode_key(article.article_id),
                                  value=encode(duplicate_record(article, original, "url", now)))
            return
        urls[article.canonical_url] = _encoded(new_entry(article, now))
        key = content_key(article)
        if key is None:
            await articles.send(key=encode_key(article.article_id), value=event.value)
        else:
            await by_hash.send(key=encode_key(key), value=event.value)

    async def check_content(event: faust.EventT) -> None:
        article, now = decode(Article, event.value), dt.datetime.now(dt.UTC)
        original = earlier_copy(_entry(hashes.get(article.content_hash)), article, now, window)
        if original:
            await duplicates.send(key=encode_key(article.article_id),
                                  value=encode(duplicate_record(article, original, "content", now)))
            return
        hashes[article.content_hash] = _encoded(new_entry(article, now))
        await articles.send(key=encode_key(article.article_id), value=event.value)

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

    @app.timer(interval=3600.0)
    async def sweep_dedup_tables() -> None:
        now = dt.datetime.now(dt.UTC)
        _sweep(urls, now, window)
        _sweep(hashes, now, window)
