"""Fault test: Postgres unreachable for 30 s mid-stream; the sink backs off, resumes, and stores everything once.

The sink reaches Postgres through a TCP proxy the test stops (every open
connection cut, new ones refused) and starts again; the server itself is
never touched.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from services.common.db import create_pool
from tests.integration.faults import (
    corpus_articles,
    drained,
    isolated_pipeline,
    kill_hard,
    publish_raw,
    running_sink,
    start_worker,
    stored,
    wait_rows,
)
from tests.integration.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration

OUTAGE_SECONDS = 30.0
ARTICLES = corpus_articles("db-outage", 12)


def test_database_outage_of_thirty_seconds(tmp_path: Path) -> None:
    with isolated_pipeline() as (broker, url):
        asyncio.run(_scenario(broker.bootstrap_servers, url, tmp_path / uuid.uuid4().hex[:6]))


async def _scenario(bootstrap: str, url: str, data: Path) -> None:
    parts = urlsplit(url)
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    await proxy.start()
    proxied = parts._replace(netloc=f"{parts.username or 'postgres'}@127.0.0.1:{proxy.port}").geturl()
    direct = await create_pool(url)
    pool = await create_pool(proxied, min_size=1, max_size=2)
    worker = start_worker(bootstrap, data)
    try:
        async with running_sink(bootstrap, pool) as sink:
            await publish_raw(bootstrap, ARTICLES[:4])
            await wait_rows(direct, "SELECT count(*) FROM articles", 4)
            await proxy.stop()
            await publish_raw(bootstrap, ARTICLES[4:])
            await asyncio.sleep(OUTAGE_SECONDS)
            during = await direct.fetchval("SELECT count(*) FROM articles")
            retries = sink.metrics.db_retries
            await proxy.start()
            await drained(bootstrap, worker, timeout=120)
        result = await stored(direct)
    finally:
        kill_hard(worker)
        await pool.close()
        await direct.close()
        await proxy.stop()
    assert during < len(ARTICLES), "the outage held back the rest of the stream"
    assert retries > 0, "the sink retried while the database was away"
    assert (result.articles, result.duplicates, result.mentions, result.events) == (12, 1, 11, 4)  # the 4 happenings
    assert result.inconsistent_versions == 0 and result.dead_letters == 0
