"""`NEWSFLOW_LOG_FORMAT=json`: every line a `run --once` logs, from every library and from the stream worker's
process, is one JSON object."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import drop, fresh_database
from tests.integration.hostile_feeds import corpus_items, serve_feed
from tests.integration.pipeline import run_once
from tests.unit.poller.feed_server import FeedServer, serving

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """A loopback HTTP server for the feeds and pages of the run."""
    with serving() as feed_server:
        yield feed_server


def test_json_logs_are_one_object_per_line(server: FeedServer, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(serve_feed(server, "/json-logs/a.xml", "Json", corpus_items(server, "json-logs", 3)) + "\n")
    url = fresh_database("newsflow_json_logs_test")
    try:
        proc = run_once(str(feeds), url, {"NEWSFLOW_LOG_FORMAT": "json", "NEWSFLOW_OPS_PORT": "0"})
    finally:
        drop(url)
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = [json.loads(line) for line in proc.stderr.splitlines()]  # fails on any line that is not JSON
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    loggers = {r["logger"] for r in records}
    assert {"newsflow.cli", "newsflow.run", "newsflow.worker"} <= loggers, loggers
    assert len(records) < 30
    assert proc.stdout.startswith("polled 1 feeds (0 failed); 3 articles published, 0 lost")
