"""`newsflow poller` wiring with shared feeds: the list is announced on news.feeds and polled by the group member."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from services.cli.polling import feed_polling
from services.common.settings import Settings
from services.poller.sharing import announce
from tests.unit.poller.feed_server import FeedServer, Reply

pytestmark = pytest.mark.integration


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """A loopback server with three small feeds."""
    feeds = FeedServer()
    for i in range(3):
        body = (f'<rss version="2.0"><channel><title>W{i}</title><item><title>Item {i}</title>'
                f"<link>{feeds.base}/w/{i}</link></item></channel></rss>").encode()
        feeds.route(f"/w{i}.xml", Reply(body=body, headers={"Content-Type": "application/rss+xml"}))
    thread = threading.Thread(target=feeds.serve_forever, daemon=True)
    thread.start()
    yield feeds
    feeds.shutdown()
    feeds.server_close()


async def test_shared_poller_polls_the_announced_list(broker: str, pool: asyncpg.Pool, server: FeedServer,
                                                      tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("".join(server.url(f"/w{i}.xml") + "\n" for i in range(3)))
    settings = Settings.model_validate({
        "poller": {"shared_feeds": True, "group_id": f"wiring-{uuid.uuid4().hex[:8]}", "fetch_full_article": False,
                   "unconditional_every": 0},
        "kafka": {"rebalance_timeout_seconds": 3.0, "session_timeout_seconds": 6.0},
    })
    stop = asyncio.Event()
    async with feed_polling(settings, broker, pool, str(listing), True) as polling:
        runner = asyncio.create_task(polling.poller.run_forever(polling.urls, stop))
        try:
            for _ in range(300):
                if {f"/w{i}.xml" for i in range(3)} <= set(server.paths()):
                    break
                await asyncio.sleep(0.1)
        finally:
            stop.set()
            await asyncio.wait_for(runner, 30)
            await announce(polling.producer, removed=polling.urls)  # later tests' groups must not see these feeds
    assert sorted(p for p in server.paths() if p.startswith("/w") and p.endswith(".xml")) == [
        "/w0.xml", "/w1.xml", "/w2.xml"]
    rows = await pool.fetch("SELECT feed_url, items_seen FROM feeds WHERE feed_url LIKE $1", server.base + "/w%")
    assert sorted(r["items_seen"] for r in rows) == [1, 1, 1]
