"""The sink: news.articles, news.duplicates, news.event-updates, news.dlq → Postgres → news.events.

Order of effects per batch, and why: (1) one database transaction with every
record of the batch; (2) each event version that moved forward is published
to the compacted ``news.events`` topic and acknowledged by the broker; (3) the
consumer offsets are committed. A crash between any two steps replays the
batch: the upserts are idempotent and re-publishing a version is harmless
(same key, same version), so nothing is lost and nothing is doubled. While the
database is down the batch is retried with backoff and offsets stay put.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from pydantic import ValidationError

from schemas.records import Article, DeadLetter, Duplicate, Event
from schemas.topics import ARTICLES, DLQ, DUPLICATES, EVENT_UPDATES, EVENTS
from services.common.codecs import decode, encode, encode_key
from services.common.deadletter import dead_letter
from services.sink.cloudevents import event_headers
from services.sink.writer import Batch, write_batch

log = logging.getLogger("newsflow.sink")
GROUP_ID = "newsflow-sink"
INPUT_TOPICS = (ARTICLES.name, DUPLICATES.name, EVENT_UPDATES.name, DLQ.name)


@dataclass
class SinkMetrics:
    """Counters of what the sink stored and published."""

    batches: int = 0
    articles: int = 0
    duplicates: int = 0
    events_published: int = 0
    dead_letters: int = 0
    db_retries: int = 0


class Sink:
    """Consumes the pipeline's outputs and stores them; see the module docstring for commit order."""

    def __init__(self, bootstrap_servers: str, pool: asyncpg.Pool, batch_size: int = 500) -> None:
        self.bootstrap_servers, self.pool, self.batch_size = bootstrap_servers, pool, batch_size
        self.metrics = SinkMetrics()

    def decode_into(self, batch: Batch, record: ConsumerRecord, dlq_out: list[DeadLetter]) -> None:
        """Validate one record into the batch, or turn it into a dead letter."""
        try:
            if record.topic == ARTICLES.name:
                batch.articles.append(decode(Article, record.value))
            elif record.topic == DUPLICATES.name:
                batch.duplicates.append(decode(Duplicate, record.value))
            elif record.topic == EVENT_UPDATES.name:
                batch.events.append(decode(Event, record.value))
            else:
                batch.dead_letters.append(decode(DeadLetter, record.value))
        except (ValidationError, ValueError) as exc:
            if record.topic == DLQ.name:
                log.error("unreadable record on the dead-letter topic skipped", extra={"offset": record.offset})
                return
            dlq_out.append(dead_letter("sink", exc, value=record.value, key=record.key, topic=record.topic,
                                       partition=record.partition, offset=record.offset,
                                       headers=list(record.headers or ())))

    async def store(self, batch: Batch, stop: asyncio.Event) -> list[Event]:
        """Write the batch, retrying with backoff while the database is unavailable."""
        delay = 0.5
        while True:
            try:
                async with self.pool.acquire() as conn:
                    return await write_batch(conn, batch)
            except (OSError, asyncpg.PostgresConnectionError, asyncpg.CannotConnectNowError,
                    asyncpg.InterfaceError) as exc:
                if stop.is_set():
                    raise
                self.metrics.db_retries += 1
                log.warning("database unavailable, batch kept for retry: %s", exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def run(self, stop: asyncio.Event, ready: asyncio.Event | None = None) -> None:
        """Consume until ``stop`` is set."""
        consumer = AIOKafkaConsumer(*INPUT_TOPICS, bootstrap_servers=self.bootstrap_servers, group_id=GROUP_ID,
                                    enable_auto_commit=False, auto_offset_reset="earliest",
                                    rebalance_timeout_ms=3000, session_timeout_ms=10000,
                                    heartbeat_interval_ms=1000)
        producer = AIOKafkaProducer(bootstrap_servers=self.bootstrap_servers, acks="all")
        await producer.start()
        await consumer.start()
        if ready is not None:
            ready.set()
        try:
            while not stop.is_set():
                polled = await consumer.getmany(timeout_ms=300, max_records=self.batch_size)
                records = [r for part in polled.values() for r in part]
                if records:
                    await self.handle(records, producer, stop)
                    await consumer.commit()
        finally:
            await consumer.stop()
            await producer.stop()

    async def handle(self, records: list[ConsumerRecord], producer: AIOKafkaProducer, stop: asyncio.Event) -> None:
        """Store one polled batch, then publish the events that advanced and the sink's own dead letters."""
        batch, failed = Batch(), list[DeadLetter]()
        for record in records:
            self.decode_into(batch, record, failed)
        advanced = await self.store(batch, stop)
        sends = [await producer.send(EVENTS.name, key=encode_key(e.event_id), value=encode(e),
                                     headers=event_headers(e)) for e in advanced]
        sends += [await producer.send(DLQ.name, key=d.key_b64.encode() if d.key_b64 else None, value=encode(d))
                  for d in failed]
        await asyncio.gather(*sends)
        self.metrics.batches += 1
        self.metrics.articles += len(batch.articles)
        self.metrics.duplicates += len(batch.duplicates)
        self.metrics.events_published += len(advanced)
        self.metrics.dead_letters += len(batch.dead_letters)
        log.info("batch stored", extra={"records": len(records), "events_published": len(advanced)})
