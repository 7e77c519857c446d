"""End offsets on the embedded broker: producers batch records, so the reported end can fall inside the last batch.

Tansu 0.6 answers ListOffsets with the last batch's first offset + 1.
``services.common.offsets.end_offsets`` must give the offset after the last
record whatever the batching, since table recovery, drain checks and replay stop
there.
"""

from __future__ import annotations

import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from services.common.offsets import end_offsets
from services.common.progress import group_lag

pytestmark = pytest.mark.integration


async def _topic_with_batches(bootstrap: str, batches: list[int]) -> str:
    """A one-partition topic holding batches of the given sizes, each sent as one batch."""
    name = f"offsets-{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 1, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=200)
    await producer.start()
    try:
        for size in batches:
            futures = [await producer.send(name, b"record %d" % i) for i in range(size)]
            await producer.flush()
            offsets = [(await f).offset for f in futures]
            assert offsets == list(range(offsets[0], offsets[0] + size))
    finally:
        await producer.stop()
    return name


async def test_end_offset_is_after_the_last_record_of_a_multi_record_batch(broker: str) -> None:
    topic = await _topic_with_batches(broker, [10, 10, 7])
    tp = TopicPartition(topic, 0)
    ends = await end_offsets(broker, [tp])
    assert ends == {tp: 27}


async def test_empty_and_single_record_partitions(broker: str) -> None:
    empty, single = await _topic_with_batches(broker, []), await _topic_with_batches(broker, [1, 1])
    ends = await end_offsets(broker, [TopicPartition(empty, 0), TopicPartition(single, 0)])
    assert ends == {TopicPartition(empty, 0): 0, TopicPartition(single, 0): 2}


async def test_group_lag_counts_the_records_inside_the_last_batch(broker: str) -> None:
    topic = await _topic_with_batches(broker, [5, 10])
    group = f"lag-{uuid.uuid4().hex[:8]}"
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=broker, group_id=group, enable_auto_commit=False,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        tp = TopicPartition(topic, 0)
        await consumer.getmany(timeout_ms=2000)
        await consumer.commit({tp: 6})  # one record of the last batch consumed, nine to go
    finally:
        await consumer.stop()
    assert await group_lag(broker, group, [topic]) == 9
