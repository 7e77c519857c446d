"""Ops endpoints of the single-service commands (``newsflow sink``, ``newsflow poller``), as in docker-compose:
broker reachable (its group's lag was read), database reachable, and the service's own check."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping, Sequence

import asyncpg

from services.common.settings import Settings
from services.ops.collectors import register, unregister
from services.ops.health import Probe
from services.ops.lag import LagSampler
from services.ops.server import Endpoints, serving


@contextlib.asynccontextmanager
async def service_ops(settings: Settings, bootstrap_servers: str, pool: asyncpg.Pool,
                      groups: Mapping[str, Sequence[str]], own: Mapping[str, Probe],
                      collectors: Sequence[object] = ()) -> AsyncIterator[LagSampler]:
    """Serve /metrics, /livez, /readyz and sample ``groups``' lag for the duration; yields the sampler."""
    sampler = LagSampler(bootstrap_servers, groups, settings.ops_lag_seconds)

    async def broker() -> tuple[bool, str]:
        return sampler.broker_check()

    async def database() -> tuple[bool, str]:
        await pool.fetchval("SELECT 1")
        return True, "answered"

    stop = asyncio.Event()
    register(sampler, *collectors)
    task = asyncio.create_task(sampler.run(stop), name="lag")
    try:
        async with serving(settings.ops_host, settings.ops_port,
                           Endpoints({"broker": broker, "database": database, **own})):
            yield sampler
    finally:
        stop.set()
        await asyncio.gather(task, return_exceptions=True)
        unregister(sampler, *collectors)
