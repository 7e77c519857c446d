"""The poller: polls feeds on schedule, publishes new or changed items; one feed's failure never stops another."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol
from urllib.parse import urlsplit

from services.common.settings import PollerSettings
from services.poller.fetch import Fetcher, FetchResult, Validators
from services.poller.items import ItemPublisher, Limits, Publish
from services.poller.limits import HostLimiter
from services.poller.metrics import PollerMetrics
from services.poller.models import FeedSpec, FeedState, LostItem, PollResult
from services.poller.outcomes import Recorder, failure_kind
from services.poller.parse import ParsedFeed, parse_feed
from services.poller.schedule import utcnow
from services.poller.scheduler import FeedLoop, stopped
from services.poller.store import Clock, FeedStore
from services.poller.storedfeeds import StoredFeeds

logger = logging.getLogger("newsflow.poller.service")

__all__ = ["FeedSource", "OnMove", "Poller", "failure_kind"]

OnMove = Callable[[str, str], Awaitable[None]]
MAX_SOURCE_CHARS = 200  # the source name is indexed by the sink (articles.source): a feed's title can be megabytes
MAX_FEED_URL_BYTES = 2048  # feed_url is in feeds' and feed_items' primary keys (with an item key of up to 512 bytes)


def storable_feed_url(new_url: str, feed_url: str) -> bool:
    """True when a feed may move to new_url: a longer one would break the primary keys it is part of."""
    if len(new_url.encode("utf-8", "surrogatepass")) <= MAX_FEED_URL_BYTES:
        return True
    logger.warning("permanent redirect to a URL over %d bytes: followed, not stored", MAX_FEED_URL_BYTES,
                   extra={"feed_url": feed_url})
    return False


class FeedSource(Protocol):
    """Decides which feeds this poller runs loops for (e.g. its partitions of news.feeds)."""

    async def run(self, loop: FeedLoop, stop: asyncio.Event) -> None:
        """Run loop.run(url, ...) for the feeds assigned here until stop is set."""
        ...


class Poller:
    """Polls feeds through a shared Fetcher and publishes RawArticles via the injected publish callable."""

    def __init__(
        self, store: FeedStore, fetcher: Fetcher, publish: Publish, settings: PollerSettings,
        allow_private: bool = False, *, clock: Clock = utcnow, rng: random.Random | None = None,
        on_move: OnMove | None = None, feed_source: FeedSource | None = None, record_bytes: int | None = None,
    ) -> None:
        if fetcher.allow_private != allow_private:
            raise ValueError("the fetcher's allow_private differs from the poller's: refusing to guess which is meant")
        self.metrics = PollerMetrics()
        self._store, self._fetcher, self._settings = store, fetcher, settings
        self._clock, self._rng, self._on_move = clock, rng or random.Random(), on_move
        self._feed_source = feed_source
        self._stored: StoredFeeds | None = None
        self._hosts = HostLimiter(settings.per_host)
        self._feeds = asyncio.Semaphore(settings.concurrency)
        self._record = Recorder(store, settings, self.metrics, clock, self._rng)
        limits = Limits(record_bytes or Limits.record_bytes, settings.max_title_chars, settings.publish_batch_items)
        self._items = ItemPublisher(store, fetcher, publish, self._hosts, self.metrics,
                                    fetch_pages=settings.fetch_full_article, clock=clock, limits=limits)

    async def poll_once(self, feed_urls: Iterable[str]) -> list[PollResult]:
        """Poll every feed once (settings.concurrency at a time, per_host per host); results in input order."""
        urls = list(dict.fromkeys(feed_urls))
        await self._store.upsert_feeds(FeedSpec(url) for url in urls)
        results = list(await asyncio.gather(*(self.poll_limited(url) for url in urls)))
        logger.info("poll round done: %s", self.metrics.log_line())
        return results

    async def run_forever(self, feed_urls: Iterable[str], stop: asyncio.Event) -> None:
        """Poll the listed and stored feeds (or the feed source's) until stop is set; new ones join within recheck."""
        await self._store.upsert_feeds(FeedSpec(url) for url in dict.fromkeys(feed_urls))
        source = self._feed_source or StoredFeeds(self._store, self._settings.recheck_seconds)
        self._stored = source if isinstance(source, StoredFeeds) else None
        async with asyncio.TaskGroup() as group:
            group.create_task(self.log_metrics(stop))
            group.create_task(source.run(self.feed_loop(follow_moves=self._feed_source is None), stop))

    def feed_loop(self, follow_moves: bool = True) -> FeedLoop:
        """A FeedLoop polling through this poller's limits."""
        return FeedLoop(self.poll_limited, self._store, self._record.interval, self._clock, follow_moves=follow_moves,
                        recheck_seconds=self._settings.recheck_seconds)

    async def log_metrics(self, stop: asyncio.Event) -> None:
        """Log the metrics line every metrics_log_seconds until stop is set."""
        while not await stopped(stop, self._settings.metrics_log_seconds):
            logger.debug("poller metrics: %s", self.metrics.log_line())

    async def poll_feed(self, feed_url: str) -> PollResult:
        """Poll one feed now: fetch, parse, publish new items, record the outcome. Never raises."""
        published: list[str] = []
        lost: list[LostItem] = []
        started = time.monotonic()
        try:
            state = await self._state(feed_url)
            if not state.enabled:
                return PollResult(feed_url, "disabled", disabled_reason=state.disabled_reason)
            self.metrics.feeds_polled += 1
            result = await self._fetch_feed(state)
            if result.permanent_redirect_to and storable_feed_url(result.permanent_redirect_to, feed_url):
                state = await self._moved(state, result.permanent_redirect_to)
                feed_url = state.feed_url
            if result.not_modified:
                return await self._record.not_modified(state, result)
            parsed = await asyncio.to_thread(parse_feed, result.body, feed_url, result.content_type, result.final_url)
            await self._items.publish_new(feed_url, self._source(state, parsed), parsed.items, published, lost)
            return await self._record.succeeded(state, result, parsed, published, lost)
        except Exception as exc:  # one feed's failure, whatever it is, must not stop the others
            return await self._record.failed(feed_url, exc, published, lost)
        finally:
            self.metrics.observe_poll(time.monotonic() - started)

    async def poll_limited(self, feed_url: str) -> PollResult:
        """poll_feed within the global concurrency limit."""
        async with self._feeds:
            return await self.poll_feed(feed_url)

    async def _state(self, feed_url: str) -> FeedState:
        """The stored state, creating the feed row when it is missing."""
        state = await self._store.get_state(feed_url)
        if state is None:
            await self._store.upsert_feeds([FeedSpec(feed_url)])
            state = await self._store.get_state(feed_url) or FeedState(feed_url)
        return state

    async def _fetch_feed(self, state: FeedState) -> FetchResult:
        """GET the feed within its host's slot: conditional, except about one poll in unconditional_every."""
        every = self._settings.unconditional_every
        plain = every > 0 and self._rng.random() < 1.0 / every
        validators = None if plain else Validators(state.etag, state.last_modified)
        async with self._hosts.slot(state.feed_url):
            result = await self._fetcher.fetch_feed(state.feed_url, validators)
        self.metrics.bytes_fetched += len(result.body)
        return result

    async def _moved(self, state: FeedState, new_url: str) -> FeedState:
        """301/308: the stored feed URL becomes new_url (302/307 never get here); the moved state."""
        await self._store.move_feed(state.feed_url, new_url)
        if self._stored is not None:  # at once: its next listing must not start a second loop for new_url
            self._stored.moved(state.feed_url, new_url)
        self.metrics.feeds_moved += 1
        logger.warning("feed moved permanently: stored URL updated", extra={"feed_url": state.feed_url,
                                                                             "moved_to": new_url})
        if self._on_move is not None:
            await self._on_move(state.feed_url, new_url)
        return await self._store.get_state(new_url) or FeedState(new_url)

    @staticmethod
    def _source(state: FeedState, parsed: ParsedFeed) -> str:
        """Short source name: the feed's title, else the stored title, else its host; at most MAX_SOURCE_CHARS."""
        name = parsed.title or state.title or urlsplit(state.feed_url).hostname or state.feed_url
        return name[:MAX_SOURCE_CHARS].rstrip()
