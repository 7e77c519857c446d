"""A running poller (not sharing feeds) follows the store: feeds added, enabled, disabled or removed while it runs."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Callable

import pytest

from schemas.records import RawArticle
from services.common.settings import PollerSettings
from services.poller.fetch import Fetcher
from services.poller.models import FeedSpec
from services.poller.service import Poller
from services.poller.store import InMemoryFeedStore

from .feed_server import FeedServer, Reply

RECHECK = 0.05


class Clock:
    """A clock the test moves forward."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def running(
    server: FeedServer, settings: PollerSettings
) -> AsyncIterator[tuple[Poller, InMemoryFeedStore, Clock]]:
    """A poller with a short recheck, running on an in-memory store until the test ends."""
    clock = Clock()
    store = InMemoryFeedStore(clock)
    fast = settings.model_copy(update={"recheck_seconds": RECHECK, "fetch_full_article": False, "jitter": 0.0})
    published: list[RawArticle] = []

    async def publish(article: RawArticle) -> None:
        published.append(article)

    async with Fetcher(fast, allow_private=True) as fetcher:
        poller = Poller(store, fetcher, publish, fast, allow_private=True, clock=clock)
        stop = asyncio.Event()
        runner = asyncio.create_task(poller.run_forever([server.fixture("/a.xml", "rss_basic.xml")], stop))
        yield poller, store, clock
        stop.set()
        await asyncio.wait_for(runner, timeout=2)


async def eventually(check: Callable[[], bool], seconds: float = 2.0) -> None:
    """Wait until check() holds, failing after seconds."""
    for _ in range(int(seconds / 0.01)):
        if check():
            return
        await asyncio.sleep(0.01)
    assert check()


def polls(server: FeedServer, path: str) -> int:
    """How often path was requested."""
    return server.paths().count(path)


async def test_a_feed_added_while_running_is_polled_once(
    server: FeedServer, running: tuple[Poller, InMemoryFeedStore, Clock]
) -> None:
    _, store, _ = running
    await eventually(lambda: polls(server, "/a.xml") == 1)
    await store.upsert_feeds([FeedSpec(server.fixture("/b.xml", "rss_missing_pubdate.xml"))])
    await eventually(lambda: polls(server, "/b.xml") == 1, seconds=10 * RECHECK)
    await asyncio.sleep(5 * RECHECK)
    assert (polls(server, "/a.xml"), polls(server, "/b.xml")) == (1, 1)


async def test_removed_and_disabled_feeds_stop_being_polled_and_enabled_ones_resume(
    server: FeedServer, running: tuple[Poller, InMemoryFeedStore, Clock]
) -> None:
    _, store, clock = running
    b, c = server.fixture("/b.xml", "rss_basic.xml"), server.fixture("/c.xml", "rss_basic.xml")
    await store.upsert_feeds([FeedSpec(b), FeedSpec(c)])
    await eventually(lambda: all(polls(server, p) == 1 for p in ("/a.xml", "/b.xml", "/c.xml")))
    await store.remove_feed(b)
    await store.set_enabled(c, False, "disabled by hand")
    await asyncio.sleep(3 * RECHECK)
    clock.now += dt.timedelta(hours=2)  # every feed still stored is due again
    await eventually(lambda: polls(server, "/a.xml") == 2)
    await asyncio.sleep(3 * RECHECK)
    assert (polls(server, "/b.xml"), polls(server, "/c.xml")) == (1, 1)
    await store.set_enabled(c, True)
    await eventually(lambda: polls(server, "/c.xml") == 2, seconds=10 * RECHECK)


async def test_a_feed_re_added_after_removal_gets_one_loop(
    server: FeedServer, running: tuple[Poller, InMemoryFeedStore, Clock]
) -> None:
    _, store, clock = running
    a = server.url("/a.xml")
    await eventually(lambda: polls(server, "/a.xml") == 1)
    await store.remove_feed(a)
    await asyncio.sleep(3 * RECHECK)
    await store.upsert_feeds([FeedSpec(a)])
    await eventually(lambda: polls(server, "/a.xml") == 2, seconds=10 * RECHECK)
    await asyncio.sleep(3 * RECHECK)
    clock.now += dt.timedelta(hours=2)
    await eventually(lambda: polls(server, "/a.xml") == 3)
    await asyncio.sleep(5 * RECHECK)
    assert polls(server, "/a.xml") == 3


async def test_a_moved_feed_keeps_one_loop_under_its_new_url(
    server: FeedServer, running: tuple[Poller, InMemoryFeedStore, Clock]
) -> None:
    _, store, clock = running
    new = server.fixture("/new.xml", "rss_basic.xml")
    server.route("/old.xml", Reply(301, headers={"Location": new}))
    await store.upsert_feeds([FeedSpec(server.url("/old.xml"))])
    await eventually(lambda: polls(server, "/new.xml") == 1, seconds=10 * RECHECK)
    await asyncio.sleep(5 * RECHECK)
    assert list(store.feeds) == [server.url("/a.xml"), new]
    clock.now += dt.timedelta(hours=2)
    await eventually(lambda: polls(server, "/new.xml") == 2)
    await asyncio.sleep(5 * RECHECK)
    assert (polls(server, "/old.xml"), polls(server, "/new.xml")) == (1, 2)
