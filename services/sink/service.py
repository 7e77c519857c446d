"""The sink: news.raw, news.articles, news.duplicates, news.event-updates, news.dlq → Postgres → news.events.

Order of effects per batch, and why: (1) one database transaction with every
record of the batch; (2) each event version that moved forward is published
to the compacted ``news.events`` topic and acknowledged by the broker; (3) the
consumer offsets are committed. A crash between any two steps replays the
batch: the upserts are idempotent and re-publishing a version is harmless
(same key, same version), so nothing is lost and nothing is doubled. While the
database is down the batch is retried with backoff and offsets stay put
(``services/sink/store.py``); a record the database refuses is dead-lettered.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from pydantic import ValidationError

from schemas.records import Article, DeadLetter, Duplicate, Event, RawArticle
from schemas.topics import ARTICLES, DLQ, DUPLICATES, EVENT_UPDATES, EVENTS, RAW
from services.common.codecs import decode, encode, encode_key
from services.common.deadletter import dead_letter
from services.common.producer import make_producer
from services.common.settings import KafkaSettings
from services.ops.metrics import SINK_BATCH_RECORDS, SINK_COMMIT_SECONDS
from services.sink.cloudevents import event_headers
from services.sink.store import write_isolating
from services.sink.writer import Batch

log = logging.getLogger("newsflow.sink")
GROUP_ID = "newsflow-sink"
INPUT_TOPICS = (RAW.name, ARTICLES.name, DUPLICATES.name, EVENT_UPDATES.name, DLQ.name)


@dataclass
class SinkMetrics:
    """Counters of what the sink stored and published."""

    records: int = 0
    batches: int = 0
    articles: int = 0
    duplicates: int = 0
    events_published: int = 0
    dead_letters: int = 0
    raw_articles: int = 0
    skipped: int = 0
    db_retries: int = 0
    consuming_since: float = 0.0  # unix time the consumer started (joined its group); 0 while it is not running
    last_commit: float = 0.0  # unix time of the latest offset commit


class Sink:
    """Consumes the pipeline's outputs and stores them; see the module docstring for commit order."""

    def __init__(self, bootstrap_servers: str, pool: asyncpg.Pool, batch_size: int = 500,
                 kafka: KafkaSettings | None = None) -> None:
        self.bootstrap_servers, self.pool, self.batch_size = bootstrap_servers, pool, batch_size
        self.kafka = kafka or KafkaSettings()
        self.metrics = SinkMetrics()

    def decode_one(self, record: ConsumerRecord, dlq_out: list[DeadLetter]) -> Batch | None:
        """One record validated into a batch of its own, or None (turned into a dead letter, or skipped)."""
        batch = Batch()
        try:
            if record.topic == RAW.name:
                raw = decode(RawArticle, record.value)
                batch.raw.append((raw, record.value))
            elif record.topic == ARTICLES.name:
                batch.articles.append(decode(Article, record.value))
            elif record.topic == DUPLICATES.name:
                batch.duplicates.append(decode(Duplicate, record.value))
            elif record.topic == EVENT_UPDATES.name:
                batch.events.append(decode(Event, record.value))
            else:
                batch.dead_letters.append(decode(DeadLetter, record.value))
            return batch
        except (ValidationError, ValueError) as exc:
            if record.topic in (DLQ.name, RAW.name):  # news.raw: the normalizer dead-letters it
                log.error("unreadable record skipped: %s", type(exc).__name__,
                          extra={"topic": record.topic, "partition": record.partition, "offset": record.offset})
                self.metrics.skipped += 1
                return None
            dlq_out.append(_letter(record, exc))
            return None

    def _retried(self, exc: BaseException) -> None:
        self.metrics.db_retries += 1

    async def run(self, stop: asyncio.Event, ready: asyncio.Event | None = None) -> None:
        """Consume until ``stop`` is set."""
        consumer = AIOKafkaConsumer(*INPUT_TOPICS, bootstrap_servers=self.bootstrap_servers, group_id=GROUP_ID,
                                    enable_auto_commit=False, auto_offset_reset="earliest",
                                    rebalance_timeout_ms=3000, session_timeout_ms=10000,
                                    heartbeat_interval_ms=1000, fetch_max_wait_ms=self.kafka.fetch_max_wait_ms)
        producer = make_producer(self.bootstrap_servers, self.kafka)
        await producer.start()
        await consumer.start()
        self.metrics.consuming_since = time.time()
        if ready is not None:
            ready.set()
        try:
            while not stop.is_set():
                polled = await consumer.getmany(timeout_ms=300, max_records=self.batch_size)
                records = [r for part in polled.values() for r in part]
                if records:
                    started = time.monotonic()
                    await self.handle(records, producer, stop)
                    await consumer.commit()
                    SINK_COMMIT_SECONDS.observe(time.monotonic() - started)
                    SINK_BATCH_RECORDS.observe(len(records))
                    self.metrics.last_commit = time.time()
        finally:
            self.metrics.consuming_since = 0.0
            await consumer.stop()
            await producer.stop()

    async def handle(self, records: list[ConsumerRecord], producer: AIOKafkaProducer, stop: asyncio.Event) -> None:
        """Store one polled batch, then publish the events that advanced and the sink's own dead letters."""
        failed: list[DeadLetter] = []
        decoded = [(record, self.decode_one(record, failed)) for record in records]
        kept = [(record, part) for record, part in decoded if part is not None]
        advanced, refused = await write_isolating(self.pool, [part for _, part in kept], stop, self._retried)
        failed += [_letter(kept[index][0], exc) for index, exc in refused]
        sends = [await producer.send(EVENTS.name, key=encode_key(e.event_id), value=encode(e),
                                     headers=event_headers(e)) for e in advanced]
        sends += [await producer.send(DLQ.name, key=d.key_b64.encode() if d.key_b64 else None, value=encode(d))
                  for d in failed]
        await asyncio.gather(*sends)
        batch = Batch.merged(part for _, part in kept)
        self.metrics.batches += 1
        self.metrics.records += len(records)
        self.metrics.articles += len(batch.articles)
        self.metrics.duplicates += len(batch.duplicates)
        self.metrics.events_published += len(advanced)
        self.metrics.dead_letters += len(batch.dead_letters)
        self.metrics.raw_articles += len(batch.raw)
        log.debug("batch stored", extra={"records": len(records), "events_published": len(advanced)})


def _letter(record: ConsumerRecord, exc: BaseException) -> DeadLetter:
    """A dead letter (stage ``sink``) for a record the sink could not take."""
    return dead_letter("sink", exc, value=record.value, key=record.key, topic=record.topic,
                       partition=record.partition, offset=record.offset, headers=list(record.headers or ()))
