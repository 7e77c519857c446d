"""The Faust application shared by the stream stages, and the guarded processing loop.

Offsets: Faust commits an input offset once the agent has moved past the
message, so a crash before that redelivers it — every stage must be
idempotent (stable ids, upserts, "first seen wins" tables that recognise the
same article arriving again). Poison messages never stop a partition: a
record that cannot be decoded goes straight to ``news.dlq``; one whose
processing fails is retried ``max_retries`` times, then dead-lettered.

Embedded broker hazard: Tansu 0.6 (memory storage) answers "end offset" with
the first offset of a partition's last record batch + 1. Faust restores a
table by reading its changelog up to that end offset, so a restarted worker
would lose the table updates that shared the last batch. ``exact_highwaters``
makes Faust's end offsets come from ``services.common.offsets.end_offsets``,
which reads the true end from a fetch.

Rejoin hazard (any broker, seen on restarts): after restoring tables Faust resumes
the stream partitions, then seeks them to their committed offsets, and only then
resumes flow control, which empties every stream queue. The fetcher keeps running
through the seek (~0.5 s on Tansu), so records fetched meanwhile went into the
queues and were thrown away unacked, and aiokafka's seek skips partitions with no
committed offset: those records were never read again and the partition stalled.
``seek_safely`` stops the flow for the seek and seeks never-committed partitions to
their beginning (see docs/guarantees.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import faust
from pydantic import ValidationError

from schemas.topics import DLQ
from services.common.codecs import encode
from services.common.deadletter import dead_letter
from services.common.offsets import end_offsets
from services.common.settings import Settings
from services.ops.stream_metrics import failed_attempt, observing

log = logging.getLogger("newsflow.stream")

Handler = Callable[[Any], Awaitable[None]]
DECODE_ERRORS = (ValidationError, ValueError, UnicodeDecodeError)


def create_app(app_id: str, settings: Settings, bootstrap_servers: str) -> faust.App:
    """A Faust app (consumer group ``app_id``) tuned for the configured broker."""
    set_fetch_max_wait(settings.kafka.fetch_max_wait_ms)
    seek_safely()
    exact_highwaters()
    datadir = settings.data_dir / "faust" / app_id
    datadir.parent.mkdir(parents=True, exist_ok=True)
    return faust.App(
        app_id,
        broker=[f"kafka://{server}" for server in bootstrap_servers.split(",")],
        store="memory://",
        topic_partitions=settings.kafka.partitions,
        topic_replication_factor=settings.kafka.replication_factor,
        topic_allow_declare=True,
        broker_rebalance_timeout=settings.kafka.rebalance_timeout_seconds,
        broker_session_timeout=settings.kafka.session_timeout_seconds,
        broker_heartbeat_interval=1.0,
        broker_commit_interval=1.0,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_max_batch_size=settings.kafka.producer_batch_bytes,
        producer_max_request_size=settings.kafka.max_message_bytes,
        web_enabled=False,
        table_cleanup_interval=60.0,
        table_standby_replicas=settings.kafka.standby_replicas,
        datadir=str(datadir),
    )


def set_fetch_max_wait(ms: int) -> None:
    """Give Faust's stream consumers this fetch wait (faust-streaming hard-codes 1,500 ms).

    The embedded broker answers a fetch only when its wait ends, even when records
    arrived meanwhile, so the wait is the latency of every hop between stages.
    """
    from faust.transport.drivers import aiokafka as driver

    thread = driver.AIOKafkaConsumerThread
    original = getattr(thread, "_newsflow_original", thread._create_worker_consumer)

    def create_worker_consumer(self: Any, transport: Any) -> Any:
        consumer = original(self, transport)
        consumer._fetch_max_wait_ms = ms  # read by the fetcher aiokafka creates in start()
        return consumer

    thread._newsflow_original = original  # type: ignore[attr-defined]
    thread._create_worker_consumer = create_worker_consumer  # type: ignore[method-assign]


def exact_highwaters() -> None:
    """Make Faust's end offsets (table recovery reads changelogs up to them) right on the embedded broker."""
    from faust.transport.drivers import aiokafka as driver

    async def highwaters(self: Any, partitions: list[Any]) -> Mapping[Any, int]:
        reported = await self._ensure_consumer().end_offsets(partitions)
        servers = driver.server_list(self.transport.url, self.transport.default_port)
        return await end_offsets(",".join(servers), partitions, reported)

    driver.AIOKafkaConsumerThread._highwaters = highwaters  # type: ignore[method-assign]


def seek_safely() -> None:
    """Make Faust's seek to committed offsets (after every rebalance) lose no record.

    faust-streaming 0.15.3's recovery resumes the stream partitions before
    ``Consumer.perform_seek()`` and resumes flow control (which clears every stream
    queue) after it, while the fetcher keeps delivering records; and aiokafka's
    ``seek_to_committed`` does not seek partitions whose committed offset is 0 or
    none. So: stop the flow for the seek (every caller resumes it afterwards), and
    seek stream partitions that have no committed offset to their beginning.
    """
    from faust.transport import consumer as base
    from faust.transport.drivers import aiokafka as driver

    consumer_cls = base.Consumer
    perform_seek = getattr(consumer_cls, "_newsflow_perform_seek", consumer_cls.perform_seek)

    async def perform_seek_without_flow(self: Any) -> None:
        self.stop_flow()  # no record reaches a stream queue until the caller resumes the flow
        await perform_seek(self)

    consumer_cls._newsflow_perform_seek = perform_seek  # type: ignore[attr-defined]
    consumer_cls.perform_seek = perform_seek_without_flow  # type: ignore[method-assign]

    async def seek_to_committed(self: Any) -> Mapping[Any, int]:
        consumer = self._ensure_consumer()
        changelogs = self.app.tables.changelog_topics

        async def seek() -> Mapping[Any, int]:
            committed = await consumer.seek_to_committed()
            never = [tp for tp, offset in committed.items() if not offset and tp.topic not in changelogs]
            if never:
                await consumer.seek_to_beginning(*never)
            return committed

        return await self.call_thread(seek)

    driver.AIOKafkaConsumerThread.seek_to_committed = seek_to_committed  # type: ignore[method-assign]


def bytes_topic(app: faust.App, name: str, *, internal: bool = False) -> faust.TopicT:
    """A topic whose keys and values are raw bytes: decoding happens in the agent, so errors are ours."""
    return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
                     internal=internal)


async def process_guarded(stage: str, event: faust.EventT, handler: Handler, dlq: faust.TopicT,
                          max_retries: int) -> None:
    """Run ``handler(event)``; undecodable input → DLQ at once, other failures → DLQ after retries."""
    with observing(stage):
        await _process_guarded(stage, event, handler, dlq, max_retries)


async def _process_guarded(stage: str, event: faust.EventT, handler: Handler, dlq: faust.TopicT,
                           max_retries: int) -> None:
    attempt = 0
    while True:
        attempt += 1
        try:
            await handler(event)
            return
        except DECODE_ERRORS as exc:
            error: BaseException = exc
            failed_attempt(stage, exc)
            break
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = exc
            failed_attempt(stage, exc)
            if attempt > max_retries:
                break
            log.warning("processing failed, retrying", extra={"stage": stage, "attempt": attempt,
                                                                "error": repr(exc)})
            await asyncio.sleep(min(0.2 * 2 ** attempt, 5.0))
    message = event.message
    letter = dead_letter(stage, error, value=message.value, key=message.key, topic=message.topic,
                         partition=message.partition, offset=message.offset,
                         headers=header_items(message.headers), attempts=attempt)
    await dlq.send(key=message.key, value=encode(letter))


def header_items(headers: Any) -> list[tuple[str, bytes]]:
    """Message headers as (name, bytes) pairs, whichever shape the client gave them in."""
    if not headers:
        return []
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return [(str(name), value if isinstance(value, bytes) else str(value).encode()) for name, value in pairs]


def dlq_topic(app: faust.App) -> faust.TopicT:
    """The dead-letter topic."""
    return bytes_topic(app, DLQ.name)


def raw_table(app: faust.App, name: str) -> Any:
    """A changelog-backed table of bytes keys and bytes values, stored as they are.

    Hazard: the changelog topic (and so the codec recovery decodes with) is
    made when the table is created, from the key and value types ("raw" only
    for bytes, else "json"), and a JSON codec on packed bytes fails every
    record on recovery.
    So the serializers are set to "raw", and a changelog made otherwise stops
    the worker at start.
    """
    table: Any = app.Table(name, key_type=bytes, value_type=bytes, default=None)
    table.key_serializer = table.value_serializer = "raw"
    topic = table.changelog_topic
    if (topic.key_serializer, topic.value_serializer) != ("raw", "raw"):
        raise RuntimeError(f"table {name}: changelog codec is not raw; recovery would fail on every record")
    return table
