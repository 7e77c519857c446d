"""A long-running command's ops: its endpoints served, lag sampled and a progress line logged while it runs.

Every such command (``newsflow run``, ``sink``, ``poller``; the stream worker has its own in ``worker_ops.py``)
is ready when the broker answers (its groups' lag was read), the database answers, and its own checks pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence

import asyncpg

from services.common.settings import Settings
from services.ops.collectors import register, unregister
from services.ops.health import Probe
from services.ops.lag import LagSampler
from services.ops.server import Endpoints, serving
from services.poller.scheduler import stopped

log = logging.getLogger("newsflow.ops")


def total_lag(sampler: LagSampler) -> int | None:
    """Every sampled group's lag together, or None before the first sample."""
    return sum(sum(p.values()) for p in sampler.lags.values()) if sampler.lags else None


async def log_progress(line: Callable[[], str], every: float, stop: asyncio.Event) -> None:
    """Log ``line()`` every ``every`` seconds until ``stop`` is set."""
    while not await stopped(stop, every):
        log.info(line())


@contextlib.asynccontextmanager
async def service_ops(settings: Settings, pool: asyncpg.Pool, sampler: LagSampler, own: Mapping[str, Probe],
                      collectors: Sequence[object] = (), progress: Callable[[], str] | None = None,
                      facts: Callable[[], dict[str, object]] = dict,
                      child_url: str | None = None) -> AsyncIterator[asyncio.Event]:
    """Serve /metrics, /livez, /readyz, sample lag and log ``progress()`` for the duration; yields the event that
    stops the background tasks (set on exit)."""

    async def broker() -> tuple[bool, str]:
        return sampler.broker_check()

    async def database() -> tuple[bool, str]:
        await pool.fetchval("SELECT 1")
        return True, "answered"

    stop = asyncio.Event()
    register(sampler, *collectors)
    served = settings.ops_port != 0  # port 0: no endpoints and no lag sampling (benchmarks)
    tasks = [asyncio.create_task(sampler.run(stop), name="lag")] if served else []
    if progress is not None:
        tasks.append(asyncio.create_task(log_progress(progress, settings.progress_seconds, stop), name="progress"))
    try:
        probes = {"broker": broker, "database": database, **own}
        async with serving(settings.ops_host, settings.ops_port, Endpoints(probes, facts, child_url)):
            yield stop
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        unregister(sampler, *collectors)
