"""`newsflow run` keeps its parts alive: a stream worker killed with SIGKILL mid-run is restarted, logged, counted,
and the run stores what a run without the fault stores."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import drop, fresh_database
from tests.integration.hostile_feeds import corpus_items, serve_feed
from tests.integration.pipeline import REPO, RUN_TIMEOUT, row_counts, worker_of
from tests.unit.poller.feed_server import FeedServer, serving

pytestmark = pytest.mark.integration

COUNTS = {
    "articles": "SELECT count(*) FROM articles WHERE duplicate_of IS NULL",
    "duplicates": "SELECT count(*) FROM duplicates",
    "mentions": "SELECT count(*) FROM event_mentions",
    "events": "SELECT count(*) FROM events",
    "inconsistent": "SELECT count(*) FROM events e WHERE e.version <> e.num_mentions OR e.num_mentions <> "
                    "(SELECT count(*) FROM event_mentions m WHERE m.event_id = e.event_id)",
}


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """A loopback HTTP server for the feeds and pages of a run."""
    with serving() as feed_server:
        yield feed_server


def test_a_killed_stream_worker_is_restarted_and_the_run_completes(server: FeedServer, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(serve_feed(server, "/supervised/a.xml", "Supervised", corpus_items(server, "supervised", 7))
                     + "\n")
    url = fresh_database("newsflow_supervised_test")
    env = {**os.environ, "DATABASE_URL": url, "NEWSFLOW_DATA_DIR": str(tmp_path / "data")}
    for name in ("NEWSFLOW_ALLOW_PRIVATE_NETWORKS", "KAFKA_BOOTSTRAP_SERVERS"):
        env.pop(name, None)
    try:
        run = subprocess.Popen([sys.executable, "-m", "services.cli.main", "run", "--once", "--feeds", str(feeds),
                                "--allow-private-network"], env=env, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        first = worker_of(run)
        time.sleep(8)  # the worker is consuming (or about to): its partitions, tables and offsets are live
        os.kill(first, signal.SIGKILL)
        out, err = run.communicate(timeout=RUN_TIMEOUT)
        rows = asyncio.run(row_counts(url, COUNTS))
    finally:
        drop(url)
    assert run.returncode == 0, err[-3000:]
    assert "stream worker stopped (exited with code -9); restarting it in 1 s (restart 1)" in err
    assert out.rstrip().endswith("; 1 restarts"), out
    # as a run without the fault (measured): the demo's first seven articles, 005 a copy of 004, two events
    assert rows == {"articles": 6, "duplicates": 1, "mentions": 6, "events": 2, "inconsistent": 0}
