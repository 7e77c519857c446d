"""Is the pipeline drained? Every consumer group has committed up to the end of every input partition.

Used by ``newsflow run --once``: after the poller has published, the run is
finished when all groups show zero lag on consecutive checks (a single check
could fall between a stage producing its output and that output landing).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping, Sequence

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.common.offsets import end_offsets

log = logging.getLogger("newsflow.progress")


async def partition_lag(bootstrap_servers: str, group_id: str,
                        topics: Sequence[str]) -> dict[TopicPartition, int]:
    """Messages in each partition of ``topics`` not yet committed by ``group_id``."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, group_id=group_id, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for topic in topics
                      for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return {}
        ends = await end_offsets(bootstrap_servers, partitions)
        return {tp: max(0, ends[tp] - (await consumer.committed(tp) or 0)) for tp in partitions}
    finally:
        await consumer.stop()


async def group_lag(bootstrap_servers: str, group_id: str, topics: Sequence[str]) -> int:
    """Messages in ``topics`` not yet committed by ``group_id``."""
    return sum((await partition_lag(bootstrap_servers, group_id, topics)).values())


async def wait_until_drained(bootstrap_servers: str, groups: Mapping[str, Sequence[str]], *, timeout: float,
                             alive: Callable[[], str | None] = lambda: None, settle_checks: int = 3,
                             interval: float = 0.5) -> None:
    """Return once every group has zero lag ``settle_checks`` times in a row.

    ``alive`` returns an error text when a process the pipeline needs has died;
    raises TimeoutError or RuntimeError with a message saying what is stuck.
    """
    deadline, calm = time.monotonic() + timeout, 0
    lags: dict[str, int] = {}
    while time.monotonic() < deadline:
        problem = alive()
        if problem:
            raise RuntimeError(problem)
        lags = {g: await group_lag(bootstrap_servers, g, topics) for g, topics in groups.items()}
        calm = calm + 1 if not any(lags.values()) else 0
        if calm >= settle_checks:
            return
        await asyncio.sleep(interval)
    stuck = ", ".join(f"{g}: {n} behind" for g, n in lags.items() if n) or "no progress reported"
    raise TimeoutError(f"pipeline not drained after {timeout:.0f}s ({stuck})")
