"""``newsflow feeds`` on the real Postgres store, through the command's own database wiring."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator

import pytest

from schemas.records import RawArticle
from services.cli.feeds import _with_database
from services.cli.main import build_parser
from services.common.db import create_pool
from services.common.settings import PollerSettings, Settings
from services.poller.fetch import Fetcher
from services.poller.pgstore import PostgresFeedStore
from services.poller.service import Poller
from tests.conftest import drop, fresh_database
from tests.unit.poller.feed_server import FeedServer, Reply

pytestmark = pytest.mark.integration

FEED = "https://cli-test.example.test/rss.xml"


async def test_feeds_commands_on_postgres(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.model_validate({"DATABASE_URL": database_url})  # the field is set by its alias only
    assert settings.database_url is not None and settings.database_url.get_secret_value() == database_url

    async def feeds(*argv: str) -> int:
        return await _with_database(build_parser().parse_args(["feeds", *argv]), settings)

    assert await feeds("add", FEED, "--title", "CLI test") == 0
    assert await feeds("disable", FEED) == 0
    capsys.readouterr()
    assert await feeds("list", "--json") == 0
    rows = {r["feed_url"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows[FEED]["state"] == "disabled"
    assert rows[FEED]["title"] == "CLI test"
    assert await feeds("enable", FEED) == 0
    assert await feeds("export") == 0
    assert f'xmlUrl="{FEED}"' in capsys.readouterr().out
    assert await feeds("remove", FEED) == 0
    assert await feeds("remove", FEED) == 1


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """A loopback server with one small feed at /added.xml."""
    feeds = FeedServer()
    body = (f'<rss version="2.0"><channel><title>Added</title><item><title>Late item</title>'
            f"<link>{feeds.base}/late</link></item></channel></rss>").encode()
    feeds.route("/added.xml", Reply(body=body, headers={"Content-Type": "application/rss+xml"}))
    thread = threading.Thread(target=feeds.serve_forever, daemon=True)
    thread.start()
    yield feeds
    feeds.shutdown()
    feeds.server_close()


@pytest.fixture
def own_database() -> Iterator[str]:
    """An empty database of this test's own: the running poller polls every feed stored in it."""
    url = fresh_database("newsflow_feeds_add_test")
    yield url
    drop(url)


async def test_feed_added_from_the_cli_is_polled_by_the_running_poller(own_database: str, server: FeedServer) -> None:
    poller_settings = PollerSettings(recheck_seconds=0.2, fetch_full_article=False, unconditional_every=0)
    settings = Settings.model_validate({"DATABASE_URL": own_database, "poller": poller_settings})
    published: list[RawArticle] = []

    async def publish(article: RawArticle) -> None:
        published.append(article)

    pool = await create_pool(own_database)
    stop = asyncio.Event()
    try:
        async with Fetcher(poller_settings, allow_private=True) as fetcher:
            poller = Poller(PostgresFeedStore(pool), fetcher, publish, poller_settings, allow_private=True)
            runner = asyncio.create_task(poller.run_forever([], stop))
            await asyncio.sleep(0.5)  # running, with nothing stored yet
            args = build_parser().parse_args(["feeds", "add", server.url("/added.xml")])
            assert await _with_database(args, settings) == 0
            for _ in range(100):
                if published:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            stop.set()
            await asyncio.wait_for(runner, 10)
        assert server.paths() == ["/added.xml"]
        assert [a.title for a in published] == ["Late item"]
        assert await pool.fetchval("SELECT items_seen FROM feeds WHERE feed_url = $1", server.url("/added.xml")) == 1
    finally:
        await pool.close()
