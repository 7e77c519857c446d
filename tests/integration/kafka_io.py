"""Reading and writing topics directly in tests (manual partition assignment: no group join to wait for)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from services.common.offsets import end_offsets


async def produce(bootstrap: str, records: list[tuple[str, bytes | None, bytes]]) -> None:
    """Send (topic, key, value) records and wait for every acknowledgement."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for topic, key, value in records:
            await producer.send_and_wait(topic, key=key, value=value)
    finally:
        await producer.stop()


Records = dict[str, list[ConsumerRecord]]


async def read_topics(bootstrap: str, topics: list[str], until: Callable[[Records], bool] | None = None,
                      timeout: float = 60.0) -> Records:
    """Every record of ``topics`` from the beginning: up to their current end, or until ``until(records)``."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    got: dict[str, list[ConsumerRecord]] = {t: [] for t in topics}
    try:
        await consumer.topics()  # fresh metadata: partitions of topics created since the client started
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        async with asyncio.timeout(timeout):
            while True:
                for tp, records in (await consumer.getmany(timeout_ms=300)).items():
                    got[tp.topic] += records
                if until is None:
                    ends = await end_offsets(bootstrap, partitions)
                    positions = [await consumer.position(tp) for tp in partitions]
                    if all(pos >= ends[tp] for pos, tp in zip(positions, partitions, strict=True)):
                        return got
                elif until(got):
                    return got
    finally:
        await consumer.stop()
