"""The sink against the real broker and Postgres: idempotent writes, versions forward, news.events, DLQ."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import asyncpg
import pytest

from schemas.records import MENTIONS_IN_RECORD, DeadLetter, Event
from schemas.topics import ARTICLES, DLQ, DUPLICATES, EVENT_UPDATES, EVENTS
from services.cli.query import fetch_events
from services.clusterer.cluster import OpenEvents
from services.clusterer.merge import build_event, by_publication, mention_ref
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


async def _through_sink(broker: str, pool: asyncpg.Pool, event_id: str, polls: list[list[Event]]) -> None:
    """Run a sink while each group of versions is produced and stored (up to its last version) in turn."""
    stop = asyncio.Event()
    task = asyncio.create_task(Sink(broker, pool).run(stop))
    try:
        for versions in polls:
            await produce(broker, [(EVENT_UPDATES.name, encode_key(event_id), encode(v)) for v in versions])
            await _wait_for(pool, "SELECT version FROM events WHERE event_id = $1", versions[-1].version,
                            uuid.UUID(event_id))
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)


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
    assert headers["ce_type"] == b"org.newsflow.event.v2" and headers["ce_subject"] == event_id.encode()

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
    await _through_sink(broker, pool, event_id, [[v1, v2], [v3]])
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


async def test_a_large_event_is_published_with_a_window_of_mentions_and_counts_from_postgres(
        broker: str, pool: asyncpg.Pool) -> None:
    """45 reports of one happening through the real clusterer and sink: every mention is stored, each record
    lists 20 with their sentences and counts all 45; an update in the old layout (every mention listed) is
    cut to the window too."""
    reports = [mention(str(uuid.uuid4()), article_id=str(uuid.uuid4()), source=f"outlet{i % 7}",
                       published=NOW + dt.timedelta(hours=i), sentence=f"Farmers blocked the ring road, report {i}.")
               for i in range(45)]
    events = OpenEvents(dt.timedelta(days=30))
    versions = [events.handle(m, NOW).event for m in reports[:44]]
    event_id = versions[0].event_id
    old_layout = build_event(event_id, 45, [m.model_copy(update={"sentence": ""}) for m in reports[:44]]
                             + [reports[44]], NOW, new=(reports[44].mention_id,)).model_copy(
        update={"mentions": [], "schema_version": 1})
    old_layout.mentions = [mention_ref(m) for m in by_publication(
        [m.model_copy(update={"sentence": ""}) for m in reports[:44]] + [reports[44]])]
    assert len(old_layout.mentions) == 45
    await _through_sink(broker, pool, event_id, [versions, [old_layout]])
    stored = dict(await pool.fetch("SELECT mention_id::text, sentence FROM event_mentions WHERE event_id = $1",
                                   uuid.UUID(event_id)))
    assert stored == {m.mention_id: m.sentence for m in reports}
    row = await pool.fetchrow("SELECT num_mentions, num_sources, num_articles, record FROM events "
                              "WHERE event_id = $1", uuid.UUID(event_id))
    assert (row["num_mentions"], row["num_sources"], row["num_articles"]) == (45, 7, 45)
    key = encode_key(event_id)
    got = await read_topics(broker, [EVENTS.name], lambda got: any(
        r.key == key and decode(Event, r.value).version == 45 for r in got[EVENTS.name]))
    published = {e.version: e for e in (decode(Event, r.value) for r in got[EVENTS.name] if r.key == key)}
    assert Event.model_validate(row["record"]) == published[45]
    assert {44, 45} <= set(published)  # a poll stores (and publishes) only the latest version it holds
    ever_listed = set()
    for version, event in published.items():
        ids = [m.mention_id for m in event.mentions]
        ever_listed.update(ids)
        assert (event.schema_version, event.num_mentions) == (2, version)
        assert min(version, MENTIONS_IN_RECORD) <= len(ids) <= max(MENTIONS_IN_RECORD, len(event.new_mention_ids) + 1)
        assert ids[0] == reports[0].mention_id  # the first report stays listed
        assert set(event.new_mention_ids) <= set(ids) and ids[-1] == reports[version - 1].mention_id
        assert all(m.sentence == stored[m.mention_id] for m in event.mentions), version
    assert ever_listed == set(stored)  # versions a poll collapsed list their new mentions in the one it publishes
    async with pool.acquire() as conn:
        (listed,) = await fetch_events(conn, None, None, None, 10, event_id=event_id[:8])
        (every,) = await fetch_events(conn, None, None, None, 10, event_id=event_id[:8], all_mentions=True)
    assert (listed["event_id"], len(listed["mentions"]), listed["num_mentions"]) == (event_id, 20, 45)
    assert [m["mention_id"] for m in every["mentions"]] == [m.mention_id for m in reports]
    assert [m["sentence"] for m in every["mentions"]] == [m.sentence for m in reports]


async def test_an_article_keeps_the_utc_offset_its_page_gave(broker: str, pool: asyncpg.Pool) -> None:
    from services.cli.query import fetch_articles

    local, utc = str(uuid.uuid4()), str(uuid.uuid4())
    paris = dt.datetime(2021, 11, 5, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    stop = asyncio.Event()
    task = asyncio.create_task(Sink(broker, pool).run(stop))
    try:
        await produce(broker, [(ARTICLES.name, encode_key(local), encode(article(local, published_at=paris))),
                               (ARTICLES.name, encode_key(utc), encode(article(utc, published_at=NOW)))])
        await _wait_for(pool, "SELECT count(*) FROM articles WHERE article_id = ANY($1::uuid[])", 2,
                        [uuid.UUID(local), uuid.UUID(utc)])
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
    rows = {r["article_id"]: r for r in await pool.fetch(
        "SELECT article_id::text, published_at, published_utc_offset FROM articles WHERE article_id = ANY($1::uuid[])",
        [uuid.UUID(local), uuid.UUID(utc)])}
    assert (rows[local]["published_at"], rows[local]["published_utc_offset"]) == (paris, 60)
    assert rows[utc]["published_utc_offset"] is None
    async with pool.acquire() as conn:
        listed = {a["article_id"]: a for a in await fetch_articles(conn, None, None, 1000)}
    assert listed[local]["published_at"] == "2021-11-05T00:30:00+01:00"  # the local day the page showed
    assert listed[utc]["published_at"] == NOW.isoformat()
