"""The Poller's answers to HTTP: Retry-After, moves, 410, freshness floors, backoff and auto-disable."""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from collections.abc import AsyncIterator

import pytest

from services.common.settings import PollerSettings
from services.poller.fetch import Fetcher
from services.poller.service import Poller
from services.poller.store import InMemoryFeedStore

from .feed_server import FIXTURES, FeedServer, Reply, Seen
from .test_service import Published


@pytest.fixture
async def fetcher(settings: PollerSettings) -> AsyncIterator[Fetcher]:
    """A Fetcher that may reach the loopback test server."""
    async with Fetcher(settings, allow_private=True) as fetcher:
        yield fetcher


def make_poller(fetcher: Fetcher, store: InMemoryFeedStore, **changes: object) -> Poller:
    """A poller on the test fetcher with some settings changed (pages off: only feed requests count)."""
    settings = fetcher.settings.model_copy(update={"fetch_full_article": False, **changes})
    return Poller(store, fetcher, Published(), settings, allow_private=True, rng=random.Random(7))


def delay_of(store: InMemoryFeedStore, feed: str) -> float:
    """Seconds from now until the feed's next poll."""
    next_poll_at = store.feeds[feed].next_poll_at
    assert next_poll_at is not None
    return (next_poll_at - dt.datetime.now(dt.UTC)).total_seconds()


def feed_body(name: str = "rss_missing_pubdate.xml") -> bytes:
    """A fixture feed's bytes."""
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("retry_after", ["7200", "two hours from now as an HTTP date"], ids=["seconds", "http-date"])
async def test_retry_after_is_honoured(server: FeedServer, fetcher: Fetcher, status: int, retry_after: str) -> None:
    if not retry_after.isdigit():  # made when the test runs: the suite may reach it minutes after collection
        retry_after = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2), True)
    store = InMemoryFeedStore()
    feed = server.route("/busy.xml", Reply(status, headers={"Retry-After": retry_after}))
    result = await make_poller(fetcher, store).poll_feed(feed)
    assert (result.status, result.error_kind) == ("error", "http_status")
    assert 7100 < delay_of(store, feed) <= 7201


async def test_retry_after_is_capped_by_max_backoff(server: FeedServer, fetcher: Fetcher) -> None:
    store = InMemoryFeedStore()
    feed = server.route("/busy.xml", Reply(429, headers={"Retry-After": "999999999"}))
    await make_poller(fetcher, store, max_backoff_seconds=3600.0).poll_feed(feed)
    assert 3500 < delay_of(store, feed) <= 3601


@pytest.mark.parametrize(("status", "moves"), [(301, True), (308, True), (302, False), (307, False)])
async def test_permanent_redirect_updates_the_stored_url_and_temporary_does_not(
    server: FeedServer, fetcher: Fetcher, status: int, moves: bool
) -> None:
    store = InMemoryFeedStore()
    new = server.route("/new.xml", Reply(body=feed_body(), headers={"Content-Type": "application/rss+xml"}))
    old = server.route("/old.xml", Reply(status, headers={"Location": "/new.xml"}))
    result = await make_poller(fetcher, store).poll_feed(old)
    assert result.status == "ok"
    assert set(store.feeds) == ({new} if moves else {old})
    assert len(store.items) == 1
    assert next(iter(store.items))[0] == (new if moves else old)


async def test_gone_disables_the_feed(server: FeedServer, fetcher: Fetcher) -> None:
    store = InMemoryFeedStore()
    feed = server.route("/gone.xml", Reply(410))
    poller = make_poller(fetcher, store)
    result = await poller.poll_feed(feed)
    assert result.disabled_reason == "gone (HTTP 410)"
    assert not store.feeds[feed].enabled
    server.seen.clear()
    assert (await poller.poll_feed(feed)).status == "disabled"
    assert server.seen == []


async def test_backoff_then_auto_disable_then_enable_from_the_cli_path(server: FeedServer, fetcher: Fetcher) -> None:
    store = InMemoryFeedStore()
    feed = server.route("/broken.xml", Reply(500))
    poller = make_poller(fetcher, store, max_consecutive_errors=3, jitter=0.0)
    delays = []
    for _ in range(3):
        await poller.poll_feed(feed)
        delays.append(round(delay_of(store, feed) / 60.0))
    assert delays == [1, 2, 4]  # 60 s interval, doubled per error in a row
    state = store.feeds[feed]
    assert (state.enabled, state.error_count) == (False, 3)
    assert (state.disabled_reason or "").startswith("3 errors in a row")
    assert poller.metrics.feeds_disabled == 1
    assert await store.set_enabled(feed, True)
    server.route("/broken.xml", Reply(body=feed_body(), headers={"Content-Type": "application/rss+xml"}))
    assert (await poller.poll_feed(feed)).status == "ok"
    assert store.feeds[feed].error_count == 0


async def test_publish_failures_never_auto_disable(server: FeedServer, fetcher: Fetcher) -> None:
    store = InMemoryFeedStore()
    feed = server.route("/ok.xml", Reply(body=feed_body(), headers={"Content-Type": "application/rss+xml"}))
    poller = make_poller(fetcher, store, max_consecutive_errors=1)
    poller._items._publish = Published()  # type: ignore[method-assign]
    poller._items._publish.fail = True  # type: ignore[attr-defined]
    for _ in range(3):
        result = await poller.poll_feed(feed)
        assert (result.status, len(result.article_ids), len(result.lost)) == ("ok", 0, 1)
    assert store.feeds[feed].enabled
    assert store.feeds[feed].error_count == 0
    assert all(lost.attempts == 3 for lost in await store.list_lost(feed))


@pytest.mark.parametrize(
    ("headers", "body_ttl", "floor"),
    [({"Cache-Control": "public, max-age=7200"}, None, 7200), ({"Expires": "@+7200"}, None, 7200),
     ({}, 120, 7200), ({"Cache-Control": "max-age=999999999"}, None, 86400)],
    ids=["max-age", "expires", "feed-ttl", "capped-at-ceiling"],
)
async def test_server_freshness_is_a_floor(
    server: FeedServer, fetcher: Fetcher, headers: dict[str, str], body_ttl: int | None, floor: float
) -> None:
    store = InMemoryFeedStore()
    if headers.get("Expires") == "@+7200":
        headers = {"Expires": email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2), True)}
    body = feed_body().replace(b"<channel>", f"<channel><ttl>{body_ttl}</ttl>".encode()) if body_ttl else feed_body()
    feed = server.route("/f.xml", Reply(body=body, headers={"Content-Type": "application/rss+xml", **headers}))
    await make_poller(fetcher, store).poll_feed(feed)
    assert floor - 100 < delay_of(store, feed) <= floor + 1


async def test_adaptive_interval_follows_publishing_frequency(server: FeedServer, fetcher: Fetcher) -> None:
    store = InMemoryFeedStore()
    now = dt.datetime.now(dt.UTC)
    items = "".join(
        f"<item><title>t{i}</title><link>{server.base}/a{i}</link>"
        f"<pubDate>{email.utils.format_datetime(now - dt.timedelta(hours=i), True)}</pubDate></item>"
        for i in range(42)
    )
    body = f'<rss version="2.0"><channel><title>Busy</title>{items}</channel></rss>'.encode()
    feed = server.route("/busy.xml", Reply(body=body, headers={"Content-Type": "application/rss+xml"}))
    poller = make_poller(fetcher, store, adaptive=True, min_interval_seconds=600.0, jitter=0.0)
    await poller.poll_feed(feed)
    assert store.feeds[feed].interval_seconds == 7 * 86400 / 42
    assert 14300 < delay_of(store, feed) <= 14401


async def test_occasional_unconditional_fetch_drops_the_validators(server: FeedServer, fetcher: Fetcher) -> None:
    store = InMemoryFeedStore()

    def reply(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304)
        return Reply(body=feed_body(), headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    feed = server.route("/f.xml", reply)
    await make_poller(fetcher, store).poll_feed(feed)
    assert (await make_poller(fetcher, store).poll_feed(feed)).status == "not_modified"
    again = await make_poller(fetcher, store, unconditional_every=1).poll_feed(feed)
    assert (again.status, again.article_ids) == ("ok", [])  # a full body, but nothing new to publish
    assert "if-none-match" not in server.seen[-1].headers


async def test_per_host_limit_is_a_setting(server: FeedServer, fetcher: Fetcher) -> None:
    body = feed_body()
    feeds = [server.route(f"/slow{i}.xml", Reply(body=body, delay=0.15)) for i in range(4)]
    results = await make_poller(fetcher, InMemoryFeedStore(), per_host=1).poll_once(feeds)
    assert [r.status for r in results] == ["ok"] * 4
    assert server.max_in_flight == 1
