"""Copies on the public event record: the sink fills ``copies`` from Postgres and republishes when one comes later.

Against the real broker and Postgres: a copy stored before the event is on
its first publication; a copy stored after is published as the same version
with the longer list; a replayed duplicate republishes nothing. End to end,
the demo corpus's syndicated copy reaches the news.events record of its
original's event.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import asyncpg
import pytest

from schemas.records import Event
from schemas.topics import ARTICLES, DUPLICATES, EVENT_UPDATES, EVENTS
from services.clusterer.merge import build_event
from services.common.codecs import decode, encode, encode_key
from services.dedup.exact import duplicate_record
from services.devtools.feedserver import serve_corpus
from services.sink.service import Sink
from tests.conftest import broker_with_topics, drop, fresh_database
from tests.expectations import load_stored
from tests.integration.kafka_io import produce, read_topics
from tests.integration.pipeline import REPO, RUN_TIMEOUT
from tests.unit.factories import NOW, article, mention

pytestmark = pytest.mark.integration


def published(got: dict, event_id: str) -> list[Event]:
    return [decode(Event, r.value) for r in got[EVENTS.name] if r.key == encode_key(event_id)]


async def _until(broker: str, event_id: str, done: Callable[[list[Event]], bool]) -> list[Event]:
    got = await read_topics(broker, [EVENTS.name], lambda g: done(published(g, event_id)), timeout=30)
    return published(got, event_id)


async def _stored(pool: asyncpg.Pool, article_id: str) -> None:
    count = 0
    async with asyncio.timeout(30):
        while count == 0:
            count = await pool.fetchval("SELECT count(*) FROM duplicates WHERE article_id = $1", uuid.UUID(article_id))
            if count == 0:
                await asyncio.sleep(0.2)


async def test_copies_on_first_publication_and_republished_when_later(broker: str, pool: asyncpg.Pool) -> None:
    original, early, late = (str(uuid.uuid4()) for _ in range(3))
    event_id = str(uuid.uuid4())
    reported = mention(str(uuid.uuid4()), article_id=original, source="ledger")
    event, newer = build_event(event_id, 1, [reported], NOW), build_event(event_id, 2, [reported], NOW)
    early_dup = duplicate_record(article(early, source="wire"), original, "content", NOW)
    late_dup = duplicate_record(article(late, source="courier"), early, "near", NOW, similarity=0.82)
    stop = asyncio.Event()
    task = asyncio.create_task(Sink(broker, pool).run(stop))
    try:
        await produce(broker, [(ARTICLES.name, encode_key(original), encode(article(original))),
                               (DUPLICATES.name, encode_key(early), encode(early_dup))])
        await _stored(pool, early)
        await produce(broker, [(EVENT_UPDATES.name, encode_key(event_id), encode(event))])
        first = await _until(broker, event_id, lambda evs: len(evs) >= 1)
        assert [c.article_id for c in first[0].copies] == [early]  # the copy stored before the event
        assert first[0].num_sources_with_copies == 2

        await produce(broker, [(DUPLICATES.name, encode_key(late), encode(late_dup))])  # a copy of the copy
        versions = await _until(broker, event_id, lambda evs: len(evs) >= 2)
        again = versions[-1]
        assert again.version == 1 and {c.article_id: c.copy_of for c in again.copies} == {early: original,
                                                                                           late: early}
        assert {c.kind for c in again.copies} == {"content", "near"} and again.num_sources_with_copies == 3

        await produce(broker, [(DUPLICATES.name, encode_key(late), encode(late_dup))])  # replayed: no change
        await _stored(pool, late)
        await produce(broker, [(EVENT_UPDATES.name, encode_key(event_id), encode(newer))])
        versions = await _until(broker, event_id, lambda evs: any(e.version == 2 for e in evs))
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
    assert [(e.version, len(e.copies), e.num_copies) for e in versions] == [(1, 1, 1), (1, 2, 2), (2, 2, 2)]
    stored = await pool.fetchval("SELECT record FROM events WHERE event_id = $1", uuid.UUID(event_id))
    assert len(stored["copies"]) == 2 and stored["version"] == 2


def test_demo_syndicated_copy_is_on_the_news_events_record() -> None:
    """``newsflow run --once`` on the demo corpus with an outside broker, then news.events read back."""
    url, tag = fresh_database("newsflow_copies_test"), uuid.uuid4().hex[:8]
    try:
        with broker_with_topics() as embedded, serve_corpus(REPO / "demo" / "corpus") as server:
            env = {**os.environ, "DATABASE_URL": url, "KAFKA_BOOTSTRAP_SERVERS": embedded.bootstrap_servers,
                   "NEWSFLOW_DATA_DIR": str(REPO / ".newsflow" / tag)}
            proc = subprocess.run([sys.executable, "-m", "services.cli.main", "run", "--once", "--feeds",
                                   server.feeds_txt_url, "--allow-private-network"], env=env, cwd=REPO,
                                  capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
            assert proc.returncode == 0, f"run --once failed:\n{proc.stdout}\n{proc.stderr[-4000:]}"
            got = asyncio.run(read_topics(embedded.bootstrap_servers, [EVENTS.name]))
        stored = load_stored(url)
    finally:
        drop(url)
    (copy_stem, original_stem), = stored.duplicates.items()
    latest: dict[str, Event] = {}
    for record in got[EVENTS.name]:
        event = decode(Event, record.value)
        current = latest.get(event.event_id)
        if current is None or (event.version, event.num_copies) >= (current.version, current.num_copies):
            latest[event.event_id] = event
    with_copy = [e for e in latest.values() if e.copies]
    assert len(with_copy) == 1, [e.copies for e in latest.values()]
    (copy,) = with_copy[0].copies
    assert copy.article_id == stored.articles[copy_stem]["article_id"]
    assert copy.copy_of == stored.articles[original_stem]["article_id"]
    manifest = json.loads(Path(REPO / "demo" / "corpus" / "manifest.json").read_text())
    assert copy.source == next(a["source_title"] for a in manifest["articles"] if a["file"] == f"{copy_stem}.txt")
    assert with_copy[0].num_sources_with_copies == len({m.source for m in with_copy[0].mentions} | {copy.source})
