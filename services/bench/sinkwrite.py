"""Sink write cost: batch upserts into a scratch Postgres database that is dropped afterwards."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from schemas.records import Article, Event
from services.bench.stats import summary
from services.common.db import (
    LOCAL_ADMIN_URL,
    create_database_if_missing,
    create_pool,
    drop_database,
    migrate,
    with_database,
)
from services.sink.writer import Batch, write_batch

TABLES = "articles, duplicates, events, event_actors, event_mentions"


@contextlib.asynccontextmanager
async def scratch_database(name: str, admin_url: str = LOCAL_ADMIN_URL) -> AsyncIterator[str]:
    """A freshly created and migrated database; dropped on exit."""
    await drop_database(admin_url, name)
    await create_database_if_missing(admin_url, name)
    url = with_database(admin_url, name)
    try:
        conn = await asyncpg.connect(url)
        try:
            await migrate(conn)
        finally:
            await conn.close()
        yield url
    finally:
        await drop_database(admin_url, name)


def batches(articles: list[Article], events: list[Event], size: int) -> list[Batch]:
    """The records split into sink batches of ``size`` (articles first, events interleaved as they arrive)."""
    out = [Batch(articles=articles[i:i + size]) for i in range(0, len(articles), size)]
    for j, start in enumerate(range(0, len(events), size)):
        if j < len(out):
            out[j].events = events[start:start + size]
        else:
            out.append(Batch(events=events[start:start + size]))
    return out


async def measure(url: str, articles: list[Article], events: list[Event], repeat: int,
                  batch_size: int = 500) -> dict[str, Any]:
    """µs per article to write the chain's articles and events, tables truncated before each run."""
    pool = await create_pool(url, max_size=2)
    per_article: list[float] = []
    try:
        for _ in range(repeat):
            async with pool.acquire() as conn:
                await conn.execute(f"TRUNCATE {TABLES} CASCADE")
                start = time.perf_counter()
                for batch in batches(articles, events, batch_size):
                    await write_batch(conn, batch)
                per_article.append((time.perf_counter() - start) / max(1, len(articles)) * 1e6)
    finally:
        await pool.close()
    return {"us_per_article": summary(per_article, 0), "articles": len(articles), "event_versions": len(events),
            "batch_size": batch_size}
