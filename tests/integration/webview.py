"""Helpers of the web view's tests: storing events as the sink does, serving `newsflow web`, the sample set."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator

import asyncpg

from schemas.records import Actor, Article, Duplicate, EventMention, Location
from services.clusterer.merge import build_event
from services.common.db import create_pool
from services.sink.writer import Batch, write_batch
from tests.integration.pipeline import REPO
from tests.unit.factories import NOW, article, mention

HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> & "quotes"'


def new_id() -> str:
    """A random UUID as text."""
    return str(uuid.uuid4())


def report(source: str, title: str, sentence: str, *, location: Location, day: dt.date, plover: str = "PROTEST",
           actor: str = "French farmers", forms: tuple[str, ...] = ("farmers",),
           published: dt.datetime = NOW) -> tuple[Article, EventMention]:
    """An article and the mention the extractor would read from it (ids are UUIDs, as stored)."""
    art = article(new_id(), title=title, source=source, published_at=published)
    m = mention(new_id(), article_id=art.article_id, source=source, plover=plover, day=day, location=location,
                sentence=sentence, title=title, published=published,
                actors=[Actor(role="source", name=actor, kind="civilians", country=location.country,
                              surface_forms=list(forms))])
    return art.model_copy(update={"url": m.url, "canonical_url": m.url}), m


async def store(url: str, reports: list[tuple[Article, EventMention]], event_id: str | None = None,
                version: int = 1, at: dt.datetime | None = None) -> str:
    """One event of these reports, written with the sink's own batch writer; returns its id."""
    event_id = event_id or new_id()
    event = build_event(event_id, version, [m for _, m in reports], at or dt.datetime.now(dt.UTC))
    pool = await create_pool(url)
    try:
        async with pool.acquire() as conn:
            await write_batch(conn, Batch(articles=[a for a, _ in reports], events=[event]))
    finally:
        await pool.close()
    return event_id


async def store_copy(url: str, original: Article, source: str, title: str) -> str:
    """A near-copy of ``original`` from another outlet, written as the sink writes dedup's verdict; returns its id."""
    copy = article(new_id(), text=original.text, title=title, source=source, published_at=original.published_at)
    copy = copy.model_copy(update={"url": f"https://{source}.example/{copy.article_id[:8]}"})
    found = Duplicate(article_id=copy.article_id, duplicate_of=original.article_id, kind="near", similarity=0.93,
                      detected_at=dt.datetime.now(dt.UTC), article=copy)
    pool = await create_pool(url)
    try:
        async with pool.acquire() as conn:
            await write_batch(conn, Batch(duplicates=[found]))
    finally:
        await pool.close()
    return copy.article_id


def store_now(url: str, reports: list[tuple[Article, EventMention]], **kw: object) -> str:
    """``store`` from synchronous code."""
    return asyncio.run(store(url, reports, **kw))  # type: ignore[arg-type]


@contextlib.contextmanager
def web_server(database_url: str) -> Iterator[str]:
    """`newsflow web --port 0` on the database, as a user starts it; yields its base URL (no trailing slash)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.Popen([sys.executable, "-m", "services.cli.main", "web", "--port", "0"], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first.startswith("web view: http://127.0.0.1:"), (first, proc.stderr.read() if proc.poll() else "")
        base = first.removeprefix("web view: ").rstrip("/")
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/status", timeout=2).read()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


async def count(url: str, sql: str) -> int:
    """One counting query."""
    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval(sql))
    finally:
        await conn.close()
