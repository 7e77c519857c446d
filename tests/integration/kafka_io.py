"""Reading and writing topics directly in tests (manual partition assignment: no group join to wait for)."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition


async def produce(bootstrap: str, records: list[tuple[str, bytes | None, bytes]]) -> None:
    """Send (topic, key, value) records and wait for every acknowledgement."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for topic, key, value in records:
            await producer.send_and_wait(topic, key=key, value=value)
    finally:
        await producer.stop()


async def read_topics(bootstrap: str, topics: list[str], until: dict[str, int] | None = None,
                      timeout: float = 60.0) -> dict[str, list[ConsumerRecord]]:
    """Every record of ``topics`` from the beginning; waits until ``until`` counts are reached (or raises)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    got: dict[str, list[ConsumerRecord]] = {t: [] for t in topics}
    try:
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        async with asyncio.timeout(timeout):
            while True:
                for tp, records in (await consumer.getmany(timeout_ms=300)).items():
                    got[tp.topic] += records
                if until is None:
                    ends = await consumer.end_offsets(partitions)
                    positions = [await consumer.position(tp) for tp in partitions]
                    if all(pos >= ends[tp] for pos, tp in zip(positions, partitions, strict=True)):
                        return got
                elif all(len(got[t]) >= n for t, n in until.items()):
                    return got
    finally:
        await consumer.stop()
