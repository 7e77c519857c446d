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


async def groups_lag(bootstrap_servers: str,
                     groups: Mapping[str, Sequence[str]]) -> dict[str, dict[TopicPartition, int]]:
    """Per group, the messages in each partition of its topics it has not committed; end offsets read once for
    every group (each read probes every partition with a fetch, ``offsets.end_offsets``)."""
    consumers = {group: AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, group_id=group,
                                         enable_auto_commit=False) for group in groups}
    try:
        for consumer in consumers.values():
            await consumer.start()
        if not consumers:
            return {}
        known = next(iter(consumers.values()))
        partitions = {group: [TopicPartition(topic, p) for topic in topics
                              for p in sorted(known.partitions_for_topic(topic) or ())]
                      for group, topics in groups.items()}
        every = sorted({tp for tps in partitions.values() for tp in tps})
        ends = await end_offsets(bootstrap_servers, every) if every else {}
        return {group: {tp: max(0, ends[tp] - (await consumers[group].committed(tp) or 0)) for tp in tps}
                for group, tps in partitions.items()}
    finally:
        for consumer in consumers.values():
            await consumer.stop()


async def partition_lag(bootstrap_servers: str, group_id: str,
                        topics: Sequence[str]) -> dict[TopicPartition, int]:
    """Messages in each partition of ``topics`` not yet committed by ``group_id``."""
    return (await groups_lag(bootstrap_servers, {group_id: topics}))[group_id]


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
