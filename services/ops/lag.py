"""Consumer lag per group, topic and partition, read from the broker at an interval (also the broker check)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator, Mapping, Sequence

from aiokafka import TopicPartition
from prometheus_client.metrics_core import GaugeMetricFamily, Metric

from services.common.progress import groups_lag
from services.ops.metrics import CONSUMER_LAG
from services.poller.scheduler import stopped
from services.worker import STAGE_INPUTS

log = logging.getLogger("newsflow.ops")
SAMPLE_TIMEOUT_SECONDS = 10.0
STALE_AFTER = 3  # a sample older than this many intervals no longer says the broker answers


def stage_of(group: str, topic: str) -> str:
    """The stage behind a group's lag on a topic: the sink, a one-stage worker, or the stage reading ``topic``."""
    if group == "newsflow-sink":
        return "sink"
    stages = [stage for stage, topics in STAGE_INPUTS.items() if topic in topics]
    return stages[0] if stages else group.removeprefix("newsflow-")


def by_stage(lags: Mapping[str, Mapping[TopicPartition, int]]) -> dict[str, int]:
    """Total lag per stage."""
    out: dict[str, int] = {}
    for group, partitions in lags.items():
        for tp, n in partitions.items():
            stage = stage_of(group, tp.topic)
            out[stage] = out.get(stage, 0) + n
    return out


class LagSampler:
    """Reads every group's lag into ``newsflow_consumer_lag``; the time of the last good read is the broker check."""

    def __init__(self, bootstrap_servers: str, groups: Mapping[str, Sequence[str]], interval: float) -> None:
        self.bootstrap_servers, self.groups, self.interval = bootstrap_servers, dict(groups), interval
        self.lags: dict[str, dict[TopicPartition, int]] = {}
        self.sampled_at: float | None = None  # unix time of the last good sample
        self.error: str | None = None

    async def sample(self) -> None:
        """Read every group's lag once; on failure keep the error for the broker check."""
        try:
            lags = await asyncio.wait_for(groups_lag(self.bootstrap_servers, self.groups), SAMPLE_TIMEOUT_SECONDS)
        except Exception as exc:  # whatever it is, the broker did not answer the lag read
            self.error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return
        self.lags, self.sampled_at, self.error = lags, time.time(), None
        for group, partitions in lags.items():
            for tp, n in partitions.items():
                CONSUMER_LAG.labels(group=group, topic=tp.topic, partition=str(tp.partition)).set(n)

    async def run(self, stop: asyncio.Event) -> None:
        """Sample now and every ``interval`` seconds until ``stop`` is set."""
        await self.sample()
        while not await stopped(stop, self.interval):
            await self.sample()

    def broker_check(self) -> tuple[bool, str]:
        """Whether the broker answered the latest lag read, recently enough."""
        if self.sampled_at is None:
            return False, self.error or "not reached yet"
        age = time.time() - self.sampled_at
        if age > STALE_AFTER * self.interval:
            return False, f"no answer for {age:.0f} s" + (f" ({self.error})" if self.error else "")
        return True, f"{self.bootstrap_servers} answered {age:.0f} s ago"

    def total(self, group: str) -> int | None:
        """The group's total lag at the last good sample, or None before one."""
        return sum(self.lags[group].values()) if group in self.lags else None

    def collect(self) -> Iterator[Metric]:
        """newsflow_consumer_lag_sampled_timestamp_seconds, once lag was read."""
        if self.sampled_at is not None:
            yield GaugeMetricFamily("newsflow_consumer_lag_sampled_timestamp_seconds",
                                    "Unix time consumer lag was last read from the broker", value=self.sampled_at)
