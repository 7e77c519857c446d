"""Bringing up what a command needs: the broker (embedded unless configured) and the database."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
from aiokafka.errors import KafkaError

from services.cli.errors import CliError, broker_error, postgres_error, redacted
from services.common.broker import EmbeddedBroker, ensure_topics
from services.common.db import (
    LOCAL_ADMIN_URL,
    create_pool,
    migrate,
    resolve_database_url,
    start_embedded_postgres,
    with_database,
)
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
        quiet = logging.getLogger("aiokafka")
        level = quiet.level
        quiet.setLevel(max(level, logging.CRITICAL))  # its connection errors are reported once, below
        try:
            await ensure_topics(bootstrap, settings.kafka.partitions, settings.kafka.replication_factor,
                                settings.kafka.max_message_bytes)
        except (KafkaError, OSError) as exc:
            raise broker_error(exc, bootstrap) from exc
        finally:
            quiet.setLevel(level)
        yield bootstrap
    finally:
        if broker:
            broker.stop()


@contextlib.asynccontextmanager
async def database_for(settings: Settings, read_only: bool = False) -> AsyncIterator[tuple[str, asyncpg.Pool]]:
    """A migrated database's URL and pool. ``read_only`` commands never create a database: with DATABASE_URL
    unset they use the local server's default database only when it exists."""
    secret = settings.database_url.get_secret_value() if settings.database_url else None
    url = secret
    try:
        if read_only and not secret:
            url = await existing_database_url(settings)
        else:
            url = await resolve_database_url(secret, settings.postgres.default_database, settings.data_dir)
        pool = await create_pool(url, settings.postgres.pool_min, settings.postgres.pool_max)
    except (OSError, ValueError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise postgres_error(exc, url) from exc
    try:
        async with pool.acquire() as conn:
            await migrate(conn)
        yield url, pool
    finally:
        await pool.close()


async def existing_database_url(settings: Settings) -> str:
    """With DATABASE_URL unset, the database a run made: the local server's default database when it exists,
    else the embedded server's under data_dir when one was started before; never a new one."""
    name = settings.postgres.default_database
    local = with_database(LOCAL_ADMIN_URL, name)
    try:
        conn = await asyncpg.connect(local, timeout=5)
        await conn.close()
        return local
    except asyncpg.InvalidCatalogNameError as exc:
        reason = f"Postgres at {redacted(local)} has no database {name!r}"
        error: Exception = exc
    except OSError as exc:
        if (settings.data_dir / "postgres").is_dir():
            return start_embedded_postgres(settings.data_dir, name)
        reason = f"no Postgres answers at {redacted(LOCAL_ADMIN_URL).split('/')[0]} and none was embedded yet"
        error = exc
    raise CliError(f"no database to read: DATABASE_URL is unset and {reason}.\n"
                   "Set DATABASE_URL, or run `newsflow init` (or `newsflow run`) first.") from error


@contextlib.asynccontextmanager
async def runtime_for(settings: Settings) -> AsyncIterator[Runtime]:
    """Broker and database together."""
    async with broker_for(settings) as bootstrap, database_for(settings) as (url, pool):
        yield Runtime(bootstrap, url, pool)
