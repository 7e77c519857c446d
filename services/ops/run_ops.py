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
from services.ops.lag import LagSampler
from services.ops.progress_bar import ProgressBar, draw, progress_bar, wanted
from services.ops.server import child_ready
from services.ops.service_ops import service_ops, total_lag
from services.poller.metrics import PollerMetrics
from services.poller.scheduler import stopped
from services.sink.service import GROUP_ID as SINK_GROUP
from services.sink.service import SinkMetrics

log = logging.getLogger("newsflow.run")
FIRST_ROUND_SECONDS = 120.0  # how long the run waits for every feed's first poll before judging


class RunOps:
    """The run's ops state; ``watch_poller`` once the poller exists."""

    def __init__(self, sink: SinkMetrics, restarts: Counter[str], parts: Sequence[str], sampler: LagSampler) -> None:
        self.sink, self.restarts, self.parts, self.sampler = sink, restarts, parts, sampler
        self.poller: PollerMetrics | None = None
        self.stop = asyncio.Event()
        self.tasks: list[asyncio.Task[None]] = []
        self.watched: list[PollerCollector] = []
        self.bar: ProgressBar | None = None

    def watch_poller(self, metrics: PollerMetrics, feeds: int, once: bool) -> None:
        """Export the poller's counters; in a continuous run, say so when no feed could be fetched; with --once on
        a terminal, show a progress bar."""
        self.poller = metrics
        self.watched.append(PollerCollector(metrics))
        register(self.watched[-1])
        if not once:
            self.tasks.append(asyncio.create_task(self.first_round(metrics, feeds), name="first-round"))
        elif self.bar is not None:
            bar = self.bar

            def line() -> str:
                return f"run --once: {metrics.feeds_polled}/{feeds} feeds polled; " + \
                    progress_line(None, self.sink, total_lag(self.sampler), None).removeprefix("progress: ")

            self.tasks.append(asyncio.create_task(draw(bar, line, self.stop), name="progress-bar"))

    async def first_round(self, metrics: PollerMetrics, feeds: int) -> None:
        """Once every feed was tried: an error line when none could be fetched (offline, a proxy...)."""
        deadline = time.monotonic() + FIRST_ROUND_SECONDS
        while metrics.feeds_polled < feeds and time.monotonic() < deadline:
            if await stopped(self.stop, 0.5):
                return
        message = nothing_fetched(metrics, feeds)
        if message:
            log.error(message)

    def progress(self) -> str:
        """The periodic one-line summary."""
        return progress_line(self.poller, self.sink, total_lag(self.sampler), sum(self.restarts.values()))

    def facts(self) -> dict[str, object]:
        """What /livez and /readyz add: restarts per part."""
        return {"restarts": restarts_of(self.restarts, self.parts)}


@contextlib.asynccontextmanager
async def run_ops(settings: Settings, bootstrap_servers: str, pool: asyncpg.Pool, sink: SinkMetrics,
                  worker_url: str, restarts: Counter[str], parts: Sequence[str],
                  groups: Mapping[str, Sequence[str]], once: bool) -> AsyncIterator[RunOps]:
    """Serve the run's endpoints, sample lag and (continuous runs) log progress for the duration."""
    sampler = LagSampler(bootstrap_servers, groups, settings.ops_lag_seconds)
    ops = RunOps(sink, restarts, parts, sampler)

    async def worker() -> tuple[bool, str]:
        return await child_ready(worker_url)

    async def sink_committing() -> tuple[bool, str]:
        return sink_check(sink, sampler.total(SINK_GROUP), settings.sink_stall_seconds, time.time())

    collectors = [RestartsCollector(restarts, parts), SinkCollector(sink), BrokerMemoryCollector(embedded_broker_pid)]
    bars = contextlib.ExitStack()
    if once and wanted(settings.log_format):
        ops.bar = bars.enter_context(progress_bar())
    try:
        async with service_ops(settings, pool, sampler, {"worker": worker, "sink": sink_committing}, collectors,
                               None if once else ops.progress, ops.facts, worker_url) as ops.stop:
            yield ops
    finally:
        ops.stop.set()
        await asyncio.gather(*ops.tasks, return_exceptions=True)
        unregister(*ops.watched)
        bars.close()
