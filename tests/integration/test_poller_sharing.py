"""Two pollers share 200 loopback feeds through news.feeds: no feed polled twice in a round, a leaver absorbed."""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from aiokafka import AIOKafkaProducer

from services.common.settings import PollerSettings
from services.poller.fetch import Fetcher
from services.poller.models import FeedSpec
from services.poller.service import Poller
from services.poller.sharing import SharedFeeds, announce
from services.poller.store import InMemoryFeedStore
from tests.conftest import PARTITIONS, broker_with_topics
from tests.unit.poller.feed_server import FeedServer, Reply

pytestmark = pytest.mark.integration

FEEDS = 200
SETTINGS = PollerSettings(
    interval_seconds=3600.0, min_interval_seconds=1.0, adaptive=False, jitter=0.0, fetch_full_article=False,
    concurrency=32, per_host=16, recheck_seconds=0.5, unconditional_every=0, timeout_seconds=5.0,
)


@pytest.fixture
def broker() -> Iterator[str]:
    """A broker of this test's own: news.feeds must hold this test's 200 feeds and nothing another test left."""
    with broker_with_topics() as embedded:
        yield embedded.bootstrap_servers


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A loopback server with FEEDS one-item feeds."""
    server = FeedServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for i in range(FEEDS):
        body = (f'<rss version="2.0"><channel><title>Feed {i}</title><item><title>Item {i}</title>'
                f"<link>{server.base}/a/{i}</link></item></channel></rss>").encode()
        server.route(f"/f{i}.xml", Reply(body=body, headers={"Content-Type": "application/rss+xml"}))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    """One fetcher for both pollers (they would each have one in their own process)."""
    async with Fetcher(SETTINGS, allow_private=True) as shared:
        yield shared


class Member:
    """One poller in the group, running until stopped."""

    def __init__(self, broker: str, group: str, store: InMemoryFeedStore, fetcher: Fetcher,
                 clock: Callable[[], dt.datetime]) -> None:
        self.source = SharedFeeds(broker, group, rebalance_timeout_seconds=3.0, session_timeout_seconds=6.0)
        self.published: list[object] = []

        async def publish(raw: object) -> None:
            self.published.append(raw)

        self.poller = Poller(store, fetcher, publish, SETTINGS, allow_private=True, clock=clock,
                             feed_source=self.source)
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(self.poller.run_forever([], self.stop))

    async def leave(self) -> None:
        """Stop polling and leave the group."""
        self.stop.set()
        await asyncio.wait_for(self.task, 30)


async def until(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Wait until check() holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def test_two_pollers_share_feeds_and_absorb_a_leaver(broker: str, feed_server: FeedServer,
                                                           fetcher: Fetcher) -> None:
    offset = [0.0]
    store = InMemoryFeedStore()
    clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(seconds=offset[0])  # noqa: E731
    group = f"newsflow-poller-test-{uuid.uuid4().hex[:8]}"
    a = Member(broker, group, store, fetcher, clock)
    b = Member(broker, group, store, fetcher, clock)
    try:
        await until(lambda: bool(a.source.assigned) and bool(b.source.assigned)
                    and len(a.source.assigned | b.source.assigned) == PARTITIONS, 40, "both members assigned")
        producer = AIOKafkaProducer(bootstrap_servers=broker, acks="all")
        await producer.start()
        try:
            await announce(producer, [FeedSpec(feed_server.url(f"/f{i}.xml")) for i in range(FEEDS)])
        finally:
            await producer.stop()

        await until(lambda: len(feed_server.seen) >= FEEDS, 30, "round 1")
        await asyncio.sleep(0.5)
        round1 = collections.Counter(feed_server.paths())
        assert len(round1) == FEEDS and set(round1.values()) == {1}, "a feed was polled twice in round 1"
        assert a.poller.metrics.feeds_polled > 0 and b.poller.metrics.feeds_polled > 0
        assert a.source.feeds.isdisjoint(b.source.feeds)
        b_round1 = b.poller.metrics.feeds_polled

        await a.leave()
        await until(lambda: len(b.source.assigned) == PARTITIONS and len(b.source.feeds) == FEEDS, 40,
                    "the leaver's feeds absorbed")
        assert len(feed_server.seen) == FEEDS  # taking feeds over does not poll them before they are due

        offset[0] += 3700.0  # the next round is due
        await until(lambda: len(feed_server.seen) >= 2 * FEEDS, 30, "round 2")
        await asyncio.sleep(0.5)
        assert set(collections.Counter(feed_server.paths()).values()) == {2}
        assert b.poller.metrics.feeds_polled - b_round1 == FEEDS
    finally:
        for member in (a, b):
            if not member.task.done():
                await member.leave()
