"""The sink against the real broker and Postgres: idempotent writes, versions forward, news.events, DLQ."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest

from schemas.records import DeadLetter, Event
from schemas.topics import ARTICLES, DLQ, DUPLICATES, EVENT_UPDATES, EVENTS
from services.clusterer.merge import build_event
from services.common.codecs import decode, encode, encode_key
from services.dedup.exact import duplicate_record
from services.sink.service import Sink
from tests.integration.kafka_io import produce, read_topics
from tests.unit.factories import NOW, article, mention

pytestmark = pytest.mark.integration


async def _wait_for(pool: asyncpg.Pool, sql: str, want: object, *args: object, timeout: float = 30.0) -> object:
    value = None
    async with asyncio.timeout(timeout):
        while value != want:
            value = await pool.fetchval(sql, *args)
            if value != want:
                await asyncio.sleep(0.2)
    return value


async def test_sink_stores_idempotently_and_publishes_events(broker: str, pool: asyncpg.Pool) -> None:
    a1, a2 = str(uuid.uuid4()), str(uuid.uuid4())
    first, copy = article(a1), article(a2, title="Copy")
    event_id = str(uuid.uuid4())
    m1, m2 = mention(str(uuid.uuid4()), article_id=a1), mention(str(uuid.uuid4()), article_id=a2, source="wire")
    v1 = build_event(event_id, 1, [m1], NOW)
    v2 = build_event(event_id, 2, [m1, m2], NOW)
    poison = b'{"this is": "not an event"}'
    stop = asyncio.Event()
    sink = Sink(broker, pool)
    task = asyncio.create_task(sink.run(stop))
    try:
        await produce(broker, [
            (ARTICLES.name, encode_key(a1), encode(first)),
            (ARTICLES.name, encode_key(a1), encode(first)),  # redelivered
            (DUPLICATES.name, encode_key(a2), encode(duplicate_record(copy, a1, "content", NOW))),
            (EVENT_UPDATES.name, encode_key(event_id), encode(v1)),
            (EVENT_UPDATES.name, encode_key(event_id), encode(v2)),
            (EVENT_UPDATES.name, encode_key(event_id), encode(v1)),  # late replay of an old version
            (EVENT_UPDATES.name, b"bad", poison),
        ])
        await _wait_for(pool, "SELECT version FROM events WHERE event_id = $1", 2, uuid.UUID(event_id))
        await _wait_for(pool, "SELECT count(*) FROM dead_letters WHERE stage = 'sink'", 1)
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
    assert await pool.fetchval("SELECT count(*) FROM articles WHERE article_id = ANY($1::uuid[])", [a1, a2]) == 2
    assert str(await pool.fetchval("SELECT duplicate_of FROM articles WHERE article_id = $1", uuid.UUID(a2))) == a1
    assert await pool.fetchval("SELECT kind FROM duplicates WHERE article_id = $1", uuid.UUID(a2)) == "content"
    assert await pool.fetchval("SELECT version FROM events WHERE event_id = $1", uuid.UUID(event_id)) == 2
    assert await pool.fetchval("SELECT count(*) FROM event_mentions WHERE event_id = $1", uuid.UUID(event_id)) == 2

    key = encode_key(event_id)
    got = await read_topics(broker, [EVENTS.name], lambda got: any(r.key == key for r in got[EVENTS.name]))
    published = [r for r in got[EVENTS.name] if r.key == key]
    versions = [decode(Event, r.value).version for r in published]
    assert versions == sorted(versions) and versions[-1] == 2, "versions on news.events must only move forward"
    headers = dict(published[-1].headers)
    assert headers["ce_type"] == b"org.newsflow.event.v1" and headers["ce_subject"] == event_id.encode()

    got = await read_topics(broker, [DLQ.name], lambda got: bool(got[DLQ.name]))
    letters = [decode(DeadLetter, r.value) for r in got[DLQ.name]]
    poisoned = [d for d in letters if d.stage == "sink"]
    assert poisoned and poisoned[0].topic == EVENT_UPDATES.name
    assert poisoned[0].value_b64


async def test_sink_keeps_every_sentence_when_versions_carry_only_new_ones(broker: str, pool: asyncpg.Pool) -> None:
    """The clusterer sends a mention's sentence only with the version that added it; the sink stores it and
    publishes every version with all sentences, also when two versions share one poll."""
    event_id = str(uuid.uuid4())
    m1 = mention(str(uuid.uuid4()), article_id=str(uuid.uuid4()), sentence="Rebels shelled the fictional town.")
    m2 = mention(str(uuid.uuid4()), article_id=str(uuid.uuid4()), source="wire", sentence="Shelling hit the town.")
    m3 = mention(str(uuid.uuid4()), article_id=str(uuid.uuid4()), source="post", sentence="The town was shelled.")
    blank = {"sentence": ""}
    v1 = build_event(event_id, 1, [m1], NOW, new=(m1.mention_id,))
    v2 = build_event(event_id, 2, [m1.model_copy(update=blank), m2], NOW, new=(m2.mention_id,))
    v3 = build_event(event_id, 3, [m1.model_copy(update=blank), m2.model_copy(update=blank), m3], NOW,
                     new=(m3.mention_id,))
    stop = asyncio.Event()
    task = asyncio.create_task(Sink(broker, pool).run(stop))
    try:
        await produce(broker, [(EVENT_UPDATES.name, encode_key(event_id), encode(v)) for v in (v1, v2)])
        await _wait_for(pool, "SELECT version FROM events WHERE event_id = $1", 2, uuid.UUID(event_id))
        await produce(broker, [(EVENT_UPDATES.name, encode_key(event_id), encode(v3))])
        await _wait_for(pool, "SELECT version FROM events WHERE event_id = $1", 3, uuid.UUID(event_id))
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
    stored = dict(await pool.fetch("SELECT mention_id::text, sentence FROM event_mentions WHERE event_id = $1",
                                   uuid.UUID(event_id)))
    assert stored == {m.mention_id: m.sentence for m in (m1, m2, m3)}
    record = Event.model_validate(await pool.fetchval("SELECT record FROM events WHERE event_id = $1",
                                                      uuid.UUID(event_id)))
    assert {m.mention_id: m.sentence for m in record.mentions} == stored
    key = encode_key(event_id)
    got = await read_topics(broker, [EVENTS.name], lambda got: any(
        r.key == key and decode(Event, r.value).version == 3 for r in got[EVENTS.name]))
    for published in (decode(Event, r.value) for r in got[EVENTS.name] if r.key == key):
        assert all(m.sentence for m in published.mentions), published.version
