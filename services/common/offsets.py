"""The true end offset of a partition, on brokers that misreport it.

Embedded broker hazard: Tansu 0.6 (memory storage) answers ListOffsets
(``latest``) with the first offset of a partition's last record batch + 1, so
after a 10-record batch at offsets 20-29 it says 21. Its Fetch responses carry
the right high watermark (30). Anything that asks "how far does this partition
go?" — Faust restoring a table from its changelog, a drain check comparing
committed offsets with the end, a replay deciding where to stop — must use the
fetch's figure, or it stops inside the last batch and loses the records after
its first. ``end_offsets`` reads one record at ``reported end - 1`` per
partition and takes the larger of the two figures; on Apache Kafka both agree,
so the probe costs one fetch and changes nothing.

An earlier workaround sent one record per batch, which made every reported end
right but let a producer carry only one record per partition per round trip:
the pipeline's throughput ceiling (see BENCHMARKS.md, issue 7).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

PROBE_TIMEOUT_S = 5.0


async def end_offsets(bootstrap_servers: str, partitions: Iterable[Any],
                      reported: Mapping[Any, int] | None = None) -> dict[Any, int]:
    """Each partition's end offset (offset of its last record + 1), right on brokers that misreport it.

    ``partitions`` are aiokafka ``TopicPartition``s or Faust ``TP``s (anything with
    ``topic`` and ``partition``); the result is keyed by the objects given.
    ``reported`` saves the ListOffsets round trip when the caller already has it.
    """
    given = list(partitions)
    if reported is not None and not any(reported[tp] > 0 for tp in given):
        return {tp: int(reported[tp]) for tp in given}  # empty partitions: nothing to probe
    if not given:
        return {}
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False,
                                auto_offset_reset="latest", fetch_max_wait_ms=10, max_partition_fetch_bytes=1 << 16)
    await consumer.start()
    try:
        tps = {tp: TopicPartition(tp.topic, tp.partition) for tp in given}
        if reported is None:
            listed = await consumer.end_offsets(list(tps.values()))
            reported = {tp: listed[tps[tp]] for tp in given}
        ends = {tp: int(reported[tp]) for tp in given}
        probe = {tps[tp]: tp for tp in given if ends[tp] > 0}
        if probe:
            consumer.assign(list(probe))
            for tp, original in probe.items():
                consumer.seek(tp, ends[original] - 1)
            await _fetch_until_known(consumer, set(probe))
            for tp, original in probe.items():
                ends[original] = max(ends[original], consumer.highwater(tp) or 0)
        return ends
    finally:
        await asyncio.sleep(0)  # let the consumer's own start-up task run: stopping it unstarted raises (aiokafka 0.14)
        await consumer.stop()


async def _fetch_until_known(consumer: AIOKafkaConsumer, waiting: set[TopicPartition]) -> None:
    """Fetch until every partition in ``waiting`` has a high watermark from a fetch response."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(PROBE_TIMEOUT_S):
            while waiting:
                await consumer.getmany(*waiting, timeout_ms=100, max_records=1)
                waiting = {tp for tp in waiting if consumer.highwater(tp) is None}
