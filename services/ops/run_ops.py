"""``newsflow run``'s operations: one ops port for all its parts, lag sampling, the progress line, and the
first-round message when no feed answered.

The stream worker is a child process serving its own endpoints on a loopback port the run chose; the run merges
the worker's metrics into its /metrics and asks its /readyz for the worker check. Ready = broker reachable (lag
was read), database reachable, worker in its group, sink committing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping, Sequence

import asyncpg

from services.common.broker import embedded_broker_pid
from services.common.settings import Settings
from services.ops.checks import nothing_fetched, progress_line, restarts_of, sink_check
from services.ops.collectors import (
    BrokerMemoryCollector,
    PollerCollector,
    RestartsCollector,
    SinkCollector,
    register,
    unregister,
)
from services.ops.health import Probe
from services.ops.lag import LagSampler
from services.ops.server import Endpoints, child_ready, serving
from services.poller.metrics import PollerMetrics
from services.poller.scheduler import stopped
from services.sink.service import GROUP_ID as SINK_GROUP
from services.sink.service import SinkMetrics

log = logging.getLogger("newsflow.run")
FIRST_ROUND_SECONDS = 120.0  # how long the run waits for every feed's first poll before judging


class RunOps:
    """The run's ops state; ``watch_poller`` once the poller exists."""

    def __init__(self, settings: Settings, sink: SinkMetrics, restarts: Counter[str], parts: Sequence[str],
                 sampler: LagSampler) -> None:
        self.settings, self.sink, self.restarts, self.parts, self.sampler = settings, sink, restarts, parts, sampler
        self.poller: PollerMetrics | None = None
        self.collectors: list[object] = []
        self.tasks: list[asyncio.Task[None]] = []
        self.stop = asyncio.Event()

    def watch_poller(self, metrics: PollerMetrics, feeds: int, once: bool) -> None:
        """Export the poller's counters; in a continuous run, say so when no feed could be fetched."""
        self.poller = metrics
        collector = PollerCollector(metrics)
        register(collector)
        self.collectors.append(collector)
        if not once:
            self.tasks.append(asyncio.create_task(self.first_round(metrics, feeds), name="first-round"))
            self.tasks.append(asyncio.create_task(self.progress(), name="progress"))

    async def first_round(self, metrics: PollerMetrics, feeds: int) -> None:
        """Once every feed was tried: an error line when none could be fetched (offline, a proxy...)."""
        deadline = time.monotonic() + FIRST_ROUND_SECONDS
        while metrics.feeds_polled < feeds and time.monotonic() < deadline:
            if await stopped(self.stop, 0.5):
                return
        message = nothing_fetched(metrics, feeds)
        if message:
            log.error(message)

    async def progress(self) -> None:
        """The one-line progress summary every progress_seconds."""
        while not await stopped(self.stop, self.settings.progress_seconds):
            lag = None if not self.sampler.lags else sum(sum(p.values()) for p in self.sampler.lags.values())
            log.info(progress_line(self.poller, self.sink, lag, sum(self.restarts.values())))

    def facts(self) -> dict[str, object]:
        """What /livez and /readyz add: restarts per part."""
        return {"restarts": restarts_of(self.restarts, self.parts)}


@contextlib.asynccontextmanager
async def run_ops(settings: Settings, bootstrap_servers: str, pool: asyncpg.Pool, sink: SinkMetrics,
                  worker_url: str, restarts: Counter[str], parts: Sequence[str],
                  groups: Mapping[str, Sequence[str]]) -> AsyncIterator[RunOps]:
    """Serve the run's endpoints and sample lag for the duration."""
    sampler = LagSampler(bootstrap_servers, groups, settings.ops_lag_seconds)
    ops = RunOps(settings, sink, restarts, parts, sampler)

    async def broker() -> tuple[bool, str]:
        return sampler.broker_check()

    async def database() -> tuple[bool, str]:
        await pool.fetchval("SELECT 1")
        return True, "answered"

    async def worker() -> tuple[bool, str]:
        return await child_ready(worker_url)

    async def sink_committing() -> tuple[bool, str]:
        return sink_check(sink, sampler.total(SINK_GROUP), settings.sink_stall_seconds, time.time())

    probes: dict[str, Probe] = {"broker": broker, "database": database, "worker": worker, "sink": sink_committing}
    ops.collectors = [RestartsCollector(restarts, parts), SinkCollector(sink),
                      BrokerMemoryCollector(embedded_broker_pid), sampler]
    register(*ops.collectors)
    ops.tasks.append(asyncio.create_task(sampler.run(ops.stop), name="lag"))
    try:
        async with serving(settings.ops_host, settings.ops_port, Endpoints(probes, ops.facts, worker_url)):
            yield ops
    finally:
        ops.stop.set()
        await asyncio.gather(*ops.tasks, return_exceptions=True)
        unregister(*ops.collectors)
