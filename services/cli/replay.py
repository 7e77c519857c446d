"""``newsflow replay``: run raw articles through the stages again.

``--from DATE`` re-publishes the raw articles the sink stored in
``raw_articles`` (fetched on or after DATE) to ``news.raw`` (``--missing``: only
those not carried through every stage, the selection ``newsflow run`` replays by
itself on a new embedded broker, ``recover.py``). ``--from-offset N`` re-publishes what ``news.raw``
itself still holds from offset N of every partition. Every stage is
idempotent (stable ids, upserts, versions that only move forward), so a replay
never duplicates a stored row. ``--events`` also re-publishes the stored
version of every event to ``news.events``: replayed events do not move their
stored version forward, so the sink would not publish them again.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas.records import Event
from schemas.topics import EVENTS, RAW
from services.common.codecs import encode, encode_key
from services.common.offsets import end_offsets
from services.common.producer import make_producer
from services.common.settings import KafkaSettings, Settings
from services.extractor.words import words
from services.sink.cloudevents import event_headers

# --missing: a raw article is done when its article is stored and was either a duplicate, in a language the
# extractor does not read, or has every one of its mentions stored (as many as the extractor derived,
# ``of_article``), or when a stage dead-lettered it (keyed by its id: it would only fail again); anything short of
# that is replayed (an article row alone is not enough: a worker lost after dedup leaves the article stored and its
# events never derived)
SELECT_RAW = """
SELECT r.article_id::text, r.payload FROM raw_articles r
WHERE r.fetched_at >= $1 AND NOT ($2 AND (EXISTS (
    SELECT 1 FROM articles a WHERE a.article_id = r.article_id
      AND (a.duplicate_of IS NOT NULL OR NOT (a.language IS NULL OR a.language = ANY($3::text[]))
           OR (SELECT count(*) >= coalesce(max((m.detail->>'of_article')::int), 1) AND count(*) > 0
               FROM event_mentions m WHERE m.article_id = a.article_id)))
    OR encode(convert_to(r.article_id::text, 'UTF8'), 'base64') IN (
        SELECT l.record->>'key_b64' FROM dead_letters l WHERE l.record->>'key_b64' IS NOT NULL)))
ORDER BY r.fetched_at, r.stored_at, r.article_id
"""


def add_parser(sub: Any) -> None:
    """Register ``replay``."""
    replay = sub.add_parser("replay", help="re-run stored raw articles through the stages (idempotent)")
    start = replay.add_mutually_exclusive_group(required=True)
    start.add_argument("--from", dest="from_date", type=dt.date.fromisoformat,
                       help="raw articles fetched on or after this date (YYYY-MM-DD), from the database")
    start.add_argument("--from-offset", type=int, help="what news.raw still holds from this offset on")
    replay.add_argument("--missing", action="store_true",
                        help="only raw articles not carried through every stage: no stored article, or a unique "
                             "article with fewer stored mentions than the extractor derived (lost in flight, e.g. "
                             "with a broker); dead-lettered articles are left alone")
    replay.add_argument("--events", action="store_true",
                        help="also re-publish the stored version of every event to news.events (after a broker loss)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """newsflow replay."""
    bootstrap = settings.kafka_bootstrap_servers
    if not bootstrap:
        print("newsflow replay needs KAFKA_BOOTSTRAP_SERVERS (the broker the pipeline runs on)", file=sys.stderr)
        return 2
    if args.from_date is not None:
        since = dt.datetime.combine(args.from_date, dt.time(), dt.UTC)
        sent = asyncio.run(_from_database(settings, bootstrap, since, args.missing, args.events))
    else:
        sent = asyncio.run(replay_from_offset(bootstrap, args.from_offset, settings.kafka))
    print(f"replayed {sent} raw articles to {RAW.name}")
    return 0


async def _from_database(settings: Settings, bootstrap: str, since: dt.datetime, missing: bool, events: bool) -> int:
    from services.cli.context import database_for

    async with database_for(settings) as (_, pool), pool.acquire() as conn:
        if events:
            print(f"re-published {await republish_events(conn, bootstrap, settings.kafka)} events to {EVENTS.name}")
        return await replay_from_database(conn, bootstrap, since, missing, settings.kafka)


async def republish_events(conn: asyncpg.Connection, bootstrap: str, kafka: KafkaSettings | None = None,
                           since: dt.datetime | None = None) -> int:
    """Publish the stored version of every event (updated since ``since``) to news.events (what a lost broker's
    topic held last)."""
    producer = make_producer(bootstrap, kafka)
    await producer.start()
    sent = 0
    try:
        async with conn.transaction():
            async for row in conn.cursor("SELECT record FROM events WHERE updated_at >= $1 ORDER BY event_id",
                                         since or dt.datetime.min.replace(tzinfo=dt.UTC), prefetch=100):
                event = Event.model_validate(row["record"])
                await producer.send(EVENTS.name, key=encode_key(event.event_id), value=encode(event),
                                    headers=event_headers(event))
                sent += 1
        await producer.flush()
    finally:
        await producer.stop()
    return sent


async def replay_from_database(conn: asyncpg.Connection, bootstrap: str, since: dt.datetime,
                               missing: bool = False, kafka: KafkaSettings | None = None) -> int:
    """Publish stored raw articles fetched since ``since`` (``missing``: only those not carried through every
    stage, see ``SELECT_RAW``); returns how many."""
    producer = make_producer(bootstrap, kafka)
    await producer.start()
    sent = 0
    try:
        async with conn.transaction():
            readable = sorted(words("readable_languages"))
            async for row in conn.cursor(SELECT_RAW, since, missing, readable, prefetch=50):
                await producer.send(RAW.name, key=row["article_id"].encode(), value=bytes(row["payload"]))
                sent += 1
        await producer.flush()
    finally:
        await producer.stop()
    return sent


async def replay_from_offset(bootstrap: str, offset: int, kafka: KafkaSettings | None = None,
                             idle_ms: int = 1000) -> int:
    """Re-publish news.raw's records from ``offset`` of every partition to its end; returns how many."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    producer = make_producer(bootstrap, kafka)
    await consumer.start()
    await producer.start()
    sent = 0
    try:
        await consumer.topics()  # fresh metadata
        partitions = [TopicPartition(RAW.name, p) for p in sorted(consumer.partitions_for_topic(RAW.name) or ())]
        consumer.assign(partitions)
        ends = await end_offsets(bootstrap, partitions)
        for tp in partitions:
            consumer.seek(tp, min(offset, ends[tp]))
        pending = {tp for tp in partitions if offset < ends[tp]}
        while pending:
            polled = await consumer.getmany(*pending, timeout_ms=idle_ms)
            if not polled:
                break
            for tp, records in polled.items():
                for record in records:
                    if record.offset < ends[tp]:
                        await producer.send(RAW.name, key=record.key, value=record.value,
                                            headers=list(record.headers or ()))
                        sent += 1
                if records and records[-1].offset + 1 >= ends[tp]:
                    pending.discard(tp)
        await producer.flush()
    finally:
        await consumer.stop()
        await producer.stop()
    return sent
