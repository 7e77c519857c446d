"""Fixtures of the poller's tests: the local feed server and small, fast settings."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from services.common.settings import PollerSettings

from .feed_server import FeedServer


@pytest.fixture(scope="session")
def feed_server() -> Iterator[FeedServer]:
    """One server for the session."""
    server = FeedServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(feed_server: FeedServer) -> FeedServer:
    """The session's server with routes and counters reset."""
    feed_server.routes.clear()
    feed_server.seen.clear()
    feed_server.max_in_flight = 0
    return feed_server


@pytest.fixture
def settings() -> PollerSettings:
    """Small limits and short timeouts for tests."""
    return PollerSettings(
        timeout_seconds=2.0, connect_timeout_seconds=1.0, max_feed_bytes=64 * 1024, max_page_bytes=64 * 1024,
        max_redirects=3, interval_seconds=60.0, concurrency=4, min_interval_seconds=1.0, unconditional_every=0,
        adaptive=False,
    )
