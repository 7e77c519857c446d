"""Fault tests: a stream worker killed with SIGKILL mid-stream, alone and beside a second worker of its group.

Each run has its own broker and database. The reference is the same corpus run
by one worker with no fault; a faulty run must store exactly as many rows, with
consistent versions, and publish every stored event on news.events.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import asyncpg
import pytest

from services.common.db import create_pool
from tests.integration.faults import (
    Stored,
    corpus_articles,
    drained,
    isolated_pipeline,
    kill_hard,
    publish_raw,
    published_versions,
    running_sink,
    start_worker,
    stored,
    wait_rows,
)

pytestmark = pytest.mark.integration

N = 30
TAG = "faults"  # the same URLs in every run, so runs compare row for row
ARTICLES = corpus_articles(TAG, N)


async def _run(bootstrap: str, url: str, data: Path, workers: int, kill_after_mentions: int | None) -> Stored:
    """Publish the corpus to ``workers`` workers; SIGKILL the last one once enough mentions are stored."""
    pool = await create_pool(url)
    procs = [start_worker(bootstrap, data / f"w{i}") for i in range(workers)]
    try:
        async with running_sink(bootstrap, pool):
            await publish_raw(bootstrap, ARTICLES)
            if kill_after_mentions is not None:
                await wait_rows(pool, "SELECT count(*) FROM event_mentions", kill_after_mentions)
                kill_hard(procs[-1])
                if workers == 1:
                    procs[-1] = start_worker(bootstrap, data / "w0")
            await drained(bootstrap, *procs, timeout=55)
        result = await stored(pool)
        versions = await published_versions(bootstrap)
    finally:
        for proc in procs:
            kill_hard(proc)
        await pool.close()
    in_db = {str(r["event_id"]): r["version"] for r in await _events(url)}
    assert set(versions) == set(in_db), "every stored event is on news.events, and only those"
    assert all(max(v) == in_db[e] and v == sorted(v) for e, v in versions.items()), "versions only move forward"
    return result


async def _events(url: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(url)
    try:
        return list(await conn.fetch("SELECT event_id, version FROM events"))
    finally:
        await conn.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Stored:
    """The corpus through one worker with no fault."""
    with isolated_pipeline() as (broker, url):
        result = asyncio.run(_run(broker.bootstrap_servers, url, tmp_path_factory.mktemp("ref"), 1, None))
    assert result.articles == N and result.inconsistent_versions == 0 and result.dead_letters == 0
    return result


def _assert_same(result: Stored, reference: Stored) -> None:
    # Counts, not the grouping: the clusterer merges greedily in arrival order, and a redelivery or a second
    # worker changes the order in which mentions reach it.
    assert (result.articles, result.duplicates, result.mentions, result.events) == (
        reference.articles, reference.duplicates, reference.mentions, reference.events)
    assert result.inconsistent_versions == 0 and result.dead_letters == 0


def test_worker_killed_mid_stream_and_restarted(reference: Stored, tmp_path: Path) -> None:
    with isolated_pipeline() as (broker, url):
        result = asyncio.run(_run(broker.bootstrap_servers, url, tmp_path / uuid.uuid4().hex[:6], 1, 5))
    _assert_same(result, reference)


def test_one_of_two_workers_killed(reference: Stored, tmp_path: Path) -> None:
    with isolated_pipeline() as (broker, url):
        result = asyncio.run(_run(broker.bootstrap_servers, url, tmp_path, 2, 5))
    _assert_same(result, reference)
