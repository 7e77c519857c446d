"""Single-service commands for running at scale: sink, poller, migrate, embedded broker."""

from __future__ import annotations

import asyncio
import time

from schemas.topics import FEEDS
from services.cli.context import broker_for, database_for
from services.cli.polling import feed_polling, stop_on_signals
from services.common.broker import EmbeddedBroker
from services.common.db import create_pool, migrate, resolve_database_url
from services.common.settings import Settings
from services.ops.checks import progress_line, sink_check
from services.ops.collectors import PollerCollector, SinkCollector
from services.ops.lag import LagSampler
from services.ops.service_ops import service_ops, total_lag
from services.sink.service import GROUP_ID as SINK_GROUP
from services.sink.service import INPUT_TOPICS as SINK_TOPICS
from services.sink.service import Sink


async def run_sink(settings: Settings) -> int:
    """The sink alone, until SIGTERM; its ops endpoints served and its progress logged meanwhile."""
    async with broker_for(settings) as bootstrap, database_for(settings) as (_, pool):
        stop = asyncio.Event()
        stop_on_signals(stop)
        sink = Sink(bootstrap, pool, settings.pipeline.sink_batch_size, settings.kafka)
        sampler = LagSampler(bootstrap, {SINK_GROUP: list(SINK_TOPICS)}, settings.ops_lag_seconds)

        async def committing() -> tuple[bool, str]:
            return sink_check(sink.metrics, sampler.total(SINK_GROUP), settings.sink_stall_seconds, time.time())

        def progress() -> str:
            return progress_line(None, sink.metrics, total_lag(sampler), None)

        async with service_ops(settings, pool, sampler, {"sink": committing}, [SinkCollector(sink.metrics)],
                               progress):
            await sink.run(stop)
    return 0


async def run_poller(settings: Settings, feeds: str, once: bool, allow_private: bool) -> int:
    """The poller alone, publishing to news.raw; how many items --once lost. Ops endpoints unless --once."""
    async with broker_for(settings) as bootstrap, database_for(settings) as (_, pool):
        stop = asyncio.Event()
        stop_on_signals(stop)
        async with feed_polling(settings, bootstrap, pool, feeds, allow_private) as polling:
            if once:
                return sum(len(r.lost) for r in await polling.poller.poll_once(polling.urls))
            metrics = polling.poller.metrics
            sampler = LagSampler(bootstrap, {settings.poller.group_id: [FEEDS.name]}, settings.ops_lag_seconds)
            async with service_ops(settings, pool, sampler, {}, [PollerCollector(metrics)],
                                   lambda: progress_line(metrics, None, None, None)):
                await polling.poller.run_forever(polling.urls, stop)
    return 0


async def run_init(settings: Settings) -> int:
    """Topics created and migrations applied; for deployments (a one-shot container)."""
    if not settings.kafka_bootstrap_servers:
        print("newsflow init needs KAFKA_BOOTSTRAP_SERVERS")
        return 2
    async with broker_for(settings) as bootstrap, database_for(settings):
        print(f"topics ready on {bootstrap}; database migrated")
    return 0


async def run_migrate(settings: Settings, target: int | None) -> int:
    """Apply or revert migrations and print what changed."""
    secret = settings.database_url.get_secret_value() if settings.database_url else None
    url = await resolve_database_url(secret, settings.postgres.default_database, settings.data_dir)
    pool = await create_pool(url)
    try:
        async with pool.acquire() as conn:
            changed = await migrate(conn, target)
            current = await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations")
    finally:
        await pool.close()
    print(f"schema version {current}" + (f" (changed: {', '.join(map(str, changed))})" if changed else ""))
    return 0


def run_broker(settings: Settings) -> int:
    """An embedded broker in the foreground, with every topic created; Ctrl-C stops it."""
    with EmbeddedBroker() as broker:
        asyncio.run(_topics(broker.bootstrap_servers, settings))
        print(f"KAFKA_BOOTSTRAP_SERVERS={broker.bootstrap_servers}", flush=True)
        try:
            while broker.process and broker.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


async def _topics(bootstrap: str, settings: Settings) -> None:
    from services.common.broker import ensure_topics

    await ensure_topics(bootstrap, settings.kafka.partitions, settings.kafka.replication_factor,
                        settings.kafka.max_message_bytes)
