"""Bringing up what a command needs: the broker (embedded unless configured) and the database."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg

from services.common.broker import EmbeddedBroker, ensure_topics
from services.common.db import create_pool, migrate, resolve_database_url
from services.common.settings import Settings

log = logging.getLogger("newsflow.cli")


@dataclass
class Runtime:
    """Connections a command works with."""

    bootstrap_servers: str
    database_url: str
    pool: asyncpg.Pool


@contextlib.asynccontextmanager
async def broker_for(settings: Settings) -> AsyncIterator[str]:
    """The configured broker's address, or an embedded broker's for the duration; topics ensured."""
    broker = None if settings.kafka_bootstrap_servers else EmbeddedBroker().start()
    bootstrap = settings.kafka_bootstrap_servers or (broker.bootstrap_servers if broker else "")
    try:
        if broker:
            log.info("KAFKA_BOOTSTRAP_SERVERS unset: embedded broker at %s", bootstrap)
        await ensure_topics(bootstrap, settings.kafka.partitions, settings.kafka.replication_factor,
                            settings.kafka.max_message_bytes)
        yield bootstrap
    finally:
        if broker:
            broker.stop()


@contextlib.asynccontextmanager
async def database_for(settings: Settings) -> AsyncIterator[tuple[str, asyncpg.Pool]]:
    """A migrated database's URL and pool."""
    secret = settings.database_url.get_secret_value() if settings.database_url else None
    url = await resolve_database_url(secret, settings.postgres.default_database, settings.data_dir)
    pool = await create_pool(url, settings.postgres.pool_min, settings.postgres.pool_max)
    try:
        async with pool.acquire() as conn:
            await migrate(conn)
        yield url, pool
    finally:
        await pool.close()


@contextlib.asynccontextmanager
async def runtime_for(settings: Settings) -> AsyncIterator[Runtime]:
    """Broker and database together."""
    async with broker_for(settings) as bootstrap, database_for(settings) as (url, pool):
        yield Runtime(bootstrap, url, pool)
