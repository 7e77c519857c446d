"""The Poller end to end against a local server: publish, seen state, changes, failures, scheduling."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncIterator

import pytest

from schemas.records import RawArticle
from services.common.settings import PollerSettings
from services.common.urls import article_id_for
from services.poller.fetch import Fetcher
from services.poller.service import Poller
from services.poller.store import InMemoryFeedStore

from .feed_server import FIXTURES, FeedServer, Reply, Seen


class Published(list[RawArticle]):
    """The publish callable: collects records (and can be told to fail)."""

    fail = False

    async def __call__(self, article: RawArticle) -> None:
        if self.fail:
            raise ConnectionError("broker unavailable")
        self.append(article)


@pytest.fixture
async def fetcher(settings: PollerSettings) -> AsyncIterator[Fetcher]:
    """A Fetcher that may reach the loopback test server."""
    async with Fetcher(settings, allow_private=True) as fetcher:
        yield fetcher


@pytest.fixture
def store() -> InMemoryFeedStore:
    """Fresh in-memory feed state."""
    return InMemoryFeedStore()


@pytest.fixture
def published() -> Published:
    """What the poller published."""
    return Published()


@pytest.fixture
def poller(store: InMemoryFeedStore, fetcher: Fetcher, published: Published, settings: PollerSettings) -> Poller:
    """A Poller wired to the test server, in-memory state and a collecting publish."""
    return Poller(store, fetcher, published, settings, allow_private=True)


def serve_pages(server: FeedServer) -> None:
    """The two article pages rss_basic.xml links to."""
    page = (FIXTURES / "article_page.html").read_bytes()
    for path in ("/articles/ferry.html", "/articles/lighthouse.html"):
        server.route(path, Reply(body=page, headers={"Content-Type": "text/html; charset=utf-8"}))


def with_etag(server: FeedServer, path: str, name: str) -> str:
    """Serve a fixture at path with ETag "v1", answering 304 to a matching If-None-Match."""
    body = (FIXTURES / name).read_bytes().replace(b"{{BASE}}", server.base.encode())

    def reply(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304)
        return Reply(body=body, headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    return server.route(path, reply)


async def test_new_items_are_published_with_their_pages(
    server: FeedServer, poller: Poller, published: Published
) -> None:
    serve_pages(server)
    feed = server.fixture("/rss.xml", "rss_basic.xml")
    result = await poller.poll_feed(feed)
    assert result.status == "ok"
    assert len(result.article_ids) == 2
    ferry = next(a for a in published if a.title == "Harbour council approves new ferry timetable")
    assert ferry.url == server.url("/articles/ferry.html?id=7")
    assert ferry.article_id == article_id_for(ferry.url)
    assert ferry.article_id in result.article_ids
    assert ferry.html is not None
    assert "Isle Hypothetical" in ferry.html
    assert ferry.fetch_error is None
    assert ferry.final_url == server.url("/articles/ferry.html?utm_source=rss&id=7")
    assert ferry.source == "Gazette of Examplestan"
    assert ferry.feed_url == feed
    assert ferry.guid == "gazette-0001"
    assert ferry.feed_published == dt.datetime(2025, 6, 3, 7, 30, tzinfo=dt.UTC)


async def test_stored_etag_gives_304_and_nothing_is_republished(
    server: FeedServer, poller: Poller, published: Published, store: InMemoryFeedStore
) -> None:
    serve_pages(server)
    feed = with_etag(server, "/rss.xml", "rss_basic.xml")
    assert (await poller.poll_feed(feed)).status == "ok"
    second = await poller.poll_feed(feed)
    assert second.status == "not_modified"
    assert second.article_ids == []
    assert [s.headers.get("if-none-match") for s in server.seen if s.path == "/rss.xml"] == [None, '"v1"']
    assert len(published) == 2
    assert store.feeds[feed].etag == '"v1"'
    assert poller.metrics.feeds_not_modified == 1


async def test_seen_item_is_not_republished(server: FeedServer, poller: Poller, published: Published) -> None:
    serve_pages(server)
    feed = server.fixture("/rss.xml", "rss_basic.xml")
    await poller.poll_feed(feed)
    again = await poller.poll_feed(feed)
    assert again.status == "ok"
    assert again.article_ids == []
    assert len(published) == 2


async def test_changed_item_is_republished_under_the_same_id(
    server: FeedServer, poller: Poller, published: Published
) -> None:
    serve_pages(server)
    feed = server.fixture("/rss.xml", "rss_basic.xml")
    first = await poller.poll_feed(feed)
    server.fixture("/rss.xml", "rss_item_edited.xml")
    edited = await poller.poll_feed(feed)
    assert len(edited.article_ids) == 1
    assert edited.article_ids[0] in first.article_ids
    assert "then again on Wednesday" in (published[-1].summary or "")


async def test_guid_change_with_same_link_is_not_republished(
    server: FeedServer, poller: Poller, published: Published
) -> None:
    serve_pages(server)
    feed = server.fixture("/rss.xml", "rss_basic.xml")
    await poller.poll_feed(feed)
    server.fixture("/rss.xml", "rss_guid_changed.xml")
    assert (await poller.poll_feed(feed)).article_ids == []
    assert len(published) == 2


async def test_page_fetch_failure_still_publishes_with_fetch_error(
    server: FeedServer, poller: Poller, published: Published
) -> None:
    feed = server.fixture("/rss.xml", "rss_basic.xml")
    result = await poller.poll_feed(feed)
    assert result.status == "ok"
    assert len(published) == 2
    assert all(a.html is None and a.fetch_error and "http_status" in a.fetch_error for a in published)
    assert poller.metrics.page_errors["http_status"] == 2


async def test_non_html_page_is_published_with_fetch_error(
    server: FeedServer, poller: Poller, published: Published
) -> None:
    for path in ("/articles/ferry.html", "/articles/lighthouse.html"):
        server.route(path, Reply(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}))
    await poller.poll_feed(server.fixture("/rss.xml", "rss_basic.xml"))
    assert {a.fetch_error for a in published} == {"not an HTML page: application/pdf"}


async def test_full_article_fetch_can_be_switched_off(
    server: FeedServer, store: InMemoryFeedStore, fetcher: Fetcher, published: Published, settings: PollerSettings
) -> None:
    poller = Poller(store, fetcher, published, settings.model_copy(update={"fetch_full_article": False}), True)
    await poller.poll_feed(server.fixture("/rss.xml", "rss_basic.xml"))
    assert len(published) == 2
    assert all(a.html is None and a.fetch_error is None for a in published)
    assert server.paths() == ["/rss.xml"]


async def test_one_failing_feed_does_not_stop_the_others(
    server: FeedServer, poller: Poller, published: Published, store: InMemoryFeedStore
) -> None:
    serve_pages(server)
    broken = server.route("/broken.xml", Reply(500, b"oops"))
    html = server.fixture("/page.xml", "not_a_feed.html", content_type="text/html")
    good = server.fixture("/rss.xml", "rss_basic.xml")
    results = await poller.poll_once([broken, html, good, "ftp://files.example.test/feed.xml"])
    assert [(r.status, r.error_kind) for r in results] == [
        ("error", "http_status"), ("error", "parse"), ("ok", None), ("error", "bad_scheme")
    ]
    assert len(published) == 2
    assert store.feeds[broken].error_count == 1
    assert (store.feeds[broken].last_error or "").startswith("http_status")
    assert dict(poller.metrics.feed_errors) == {"http_status": 1, "parse": 1, "bad_scheme": 1}


async def test_error_backs_off_and_success_resets(
    server: FeedServer, poller: Poller, store: InMemoryFeedStore, settings: PollerSettings
) -> None:
    feed = server.route("/flaky.xml", Reply(503))
    await poller.poll_feed(feed)
    state = (await poller.poll_feed(feed), store.feeds[feed])[1]
    assert state.error_count == 2
    assert state.next_poll_at is not None
    delay = (state.next_poll_at - dt.datetime.now(dt.UTC)).total_seconds()
    assert 2 * settings.interval_seconds - 5 < delay <= 2 * settings.interval_seconds
    server.fixture("/flaky.xml", "rss_missing_pubdate.xml")
    assert (await poller.poll_feed(feed)).status == "ok"
    assert store.feeds[feed].error_count == 0


async def test_publish_failure_is_recorded_and_retried_without_punishing_the_feed(
    server: FeedServer, poller: Poller, published: Published, store: InMemoryFeedStore
) -> None:
    serve_pages(server)
    feed = with_etag(server, "/rss.xml", "rss_basic.xml")
    published.fail = True
    result = await poller.poll_feed(feed)
    assert (result.status, len(result.article_ids), len(result.lost)) == ("ok", 0, 2)
    assert all(lost.reason.startswith("publish: ConnectionError") for lost in result.lost)
    assert (store.feeds[feed].etag, store.feeds[feed].error_count) == (None, 0)  # next poll unconditional
    assert store.items == {}
    assert len(await store.list_lost(feed)) == 2
    published.fail = False
    assert len((await poller.poll_feed(feed)).article_ids) == 2
    assert await store.list_lost(feed) == []


async def test_rejected_entries_are_counted(server: FeedServer, poller: Poller) -> None:
    result = await poller.poll_feed(server.fixture("/rss.xml", "rss_entry_without_text.xml"))
    assert (result.rejected, len(result.article_ids), poller.metrics.items_rejected) == (1, 1, 1)


async def test_permanent_move_is_reported(server: FeedServer, poller: Poller) -> None:
    new = server.fixture("/new.xml", "rss_missing_pubdate.xml")
    result = await poller.poll_feed(server.route("/old.xml", Reply(301, headers={"Location": "/new.xml"})))
    assert result.status == "ok"
    assert result.moved_to == new


async def test_a_move_to_an_overlong_url_is_followed_but_not_stored(
    server: FeedServer, poller: Poller, store: InMemoryFeedStore
) -> None:
    far = "/" + "n" * 3000 + ".xml"
    server.fixture(far, "rss_missing_pubdate.xml")
    old = server.route("/old-long.xml", Reply(301, headers={"Location": far}))
    result = await poller.poll_feed(old)
    assert (result.status, len(result.article_ids), sorted(store.feeds)) == ("ok", 1, [old])


async def test_disabled_feed_is_not_fetched(server: FeedServer, poller: Poller, store: InMemoryFeedStore) -> None:
    feed = server.fixture("/rss.xml", "rss_basic.xml")
    await poller.poll_once([feed])
    store.feeds[feed] = dataclasses.replace(store.feeds[feed], enabled=False)
    server.seen.clear()
    assert [r.status for r in await poller.poll_once([feed])] == ["disabled"]
    assert server.seen == []


async def test_at_most_two_requests_per_host(server: FeedServer, poller: Poller) -> None:
    body = (FIXTURES / "rss_missing_pubdate.xml").read_bytes()
    feeds = [server.route(f"/slow{i}.xml", Reply(body=body, delay=0.2)) for i in range(6)]
    results = await poller.poll_once(feeds)
    assert [r.status for r in results] == ["ok"] * 6
    assert server.max_in_flight == 2


async def test_run_forever_polls_each_feed_then_waits_for_its_next_poll(
    server: FeedServer, poller: Poller, store: InMemoryFeedStore, published: Published
) -> None:
    serve_pages(server)
    feeds = [server.fixture("/rss.xml", "rss_basic.xml"), server.fixture("/other.xml", "rss_missing_pubdate.xml")]
    stop = asyncio.Event()
    runner = asyncio.create_task(poller.run_forever(feeds, stop))
    for _ in range(100):
        if poller.metrics.feeds_ok == 2:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    stop.set()
    await asyncio.wait_for(runner, timeout=2)
    assert len(published) == 3
    assert poller.metrics.feeds_polled == 2
    for feed in feeds:
        next_poll_at = store.feeds[feed].next_poll_at
        assert next_poll_at is not None
        assert 50 < (next_poll_at - dt.datetime.now(dt.UTC)).total_seconds() < 67


async def test_logs_carry_feed_url_and_article_id(
    server: FeedServer, poller: Poller, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="newsflow.poller")  # "item published" is a DEBUG line
    feed = server.fixture("/rss.xml", "rss_missing_pubdate.xml")
    result = await poller.poll_feed(feed)
    records = [r for r in caplog.records if r.name.startswith("newsflow.poller.")]
    assert any(getattr(r, "article_id", None) == result.article_ids[0] for r in records)
    assert all(getattr(r, "feed_url", None) == feed for r in records)


def test_poller_refuses_a_fetcher_with_another_private_policy(
    store: InMemoryFeedStore, fetcher: Fetcher, published: Published, settings: PollerSettings
) -> None:
    with pytest.raises(ValueError, match="allow_private"):
        Poller(store, fetcher, published, settings, allow_private=False)


async def test_each_round_logs_the_metrics_line(
    server: FeedServer, poller: Poller, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsflow.poller")
    await poller.poll_once([server.fixture("/rss.xml", "rss_missing_pubdate.xml"), server.route("/x", Reply(500))])
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("poll round done"))
    for part in ("feeds_polled=2", "feeds_ok=1", "feed_errors.http_status=1", "items_published=1", "poll_seconds_max="):
        assert part in line
    assert poller.metrics.bytes_fetched > 0
