"""The poller: polls feeds on schedule, publishes new or changed items; one feed's failure never stops another."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Iterable
from urllib.parse import urlsplit

from services.common.settings import PollerSettings
from services.poller.errors import FetchError
from services.poller.fetch import Fetcher, FetchResult, Validators
from services.poller.items import ItemPublisher, Publish, PublishError
from services.poller.limits import HostLimiter
from services.poller.metrics import PollerMetrics
from services.poller.models import FeedSpec, FeedState, PollResult
from services.poller.parse import FeedParseError, ParsedFeed, parse_feed
from services.poller.schedule import jittered, utcnow
from services.poller.scheduler import FeedLoop
from services.poller.store import Clock, FeedStore

logger = logging.getLogger("newsflow.poller.service")

PER_HOST = 2


def failure_kind(exc: Exception) -> str:
    """One word for why a poll failed: a FetchError kind, parse, publish, or internal (a bug or the store)."""
    if isinstance(exc, FetchError):
        return exc.kind
    if isinstance(exc, FeedParseError):
        return "parse"
    return "publish" if isinstance(exc, PublishError) else "internal"


class Poller:
    """Polls feeds through a shared Fetcher and publishes RawArticles via the injected publish callable."""

    def __init__(
        self, store: FeedStore, fetcher: Fetcher, publish: Publish, settings: PollerSettings,
        allow_private: bool = False, *, clock: Clock = utcnow, rng: random.Random | None = None,
    ) -> None:
        if fetcher.allow_private != allow_private:
            raise ValueError("the fetcher's allow_private differs from the poller's: refusing to guess which is meant")
        self.metrics = PollerMetrics()
        self._store, self._fetcher, self._settings = store, fetcher, settings
        self._clock, self._rng = clock, rng or random.Random()
        self._hosts = HostLimiter(PER_HOST)
        self._feeds = asyncio.Semaphore(settings.concurrency)
        self._items = ItemPublisher(
            store, fetcher, publish, self._hosts, self.metrics, fetch_pages=settings.fetch_full_article, clock=clock
        )

    async def poll_once(self, feed_urls: Iterable[str]) -> list[PollResult]:
        """Poll every feed once (settings.concurrency at a time, 2 per host); results in input order."""
        urls = list(dict.fromkeys(feed_urls))
        await self._store.upsert_feeds(FeedSpec(url) for url in urls)
        return list(await asyncio.gather(*(self._poll_limited(url) for url in urls)))

    async def run_forever(self, feed_urls: Iterable[str], stop: asyncio.Event) -> None:
        """Poll each feed whenever its next_poll_at comes, until stop is set."""
        urls = list(dict.fromkeys(feed_urls))
        await self._store.upsert_feeds(FeedSpec(url) for url in urls)
        loop = FeedLoop(self._poll_limited, self._store, self._interval, self._clock)
        async with asyncio.TaskGroup() as group:
            for url in urls:
                group.create_task(loop.run(url, stop))

    async def poll_feed(self, feed_url: str) -> PollResult:
        """Poll one feed now: fetch, parse, publish new items, record the outcome. Never raises."""
        published: list[str] = []
        try:
            state = await self._state(feed_url)
            if not state.enabled:
                return PollResult(feed_url, "disabled")
            self.metrics.feeds_polled += 1
            result = await self._fetch_feed(state)
            if result.not_modified:
                return await self._not_modified(state, result)
            parsed = await asyncio.to_thread(parse_feed, result.body, feed_url, result.content_type, result.final_url)
            await self._items.publish_new(feed_url, self._source(state, parsed), parsed.items, published)
            return await self._succeeded(state, result, parsed, published)
        except Exception as exc:  # one feed's failure, whatever it is, must not stop the others
            return await self._failed(feed_url, exc, published)

    async def _poll_limited(self, feed_url: str) -> PollResult:
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
        """Conditional GET of the feed within its host's slot."""
        async with self._hosts.slot(state.feed_url):
            result = await self._fetcher.fetch_feed(state.feed_url, Validators(state.etag, state.last_modified))
        self.metrics.bytes_fetched += len(result.body)
        if result.permanent_redirect_to:
            extra = {"feed_url": state.feed_url, "moved_to": result.permanent_redirect_to}
            logger.warning("feed moved permanently (feed list not updated)", extra=extra)
        return result

    async def _not_modified(self, state: FeedState, result: FetchResult) -> PollResult:
        """304: keep the stored validators unless the server sent new ones, schedule the next poll."""
        await self._store.record_success(
            state.feed_url, etag=result.etag or state.etag, last_modified=result.last_modified or state.last_modified,
            next_poll_at=self._next_poll_at(state), items_seen=0,
        )
        self.metrics.feeds_not_modified += 1
        logger.info("feed not modified", extra={"feed_url": state.feed_url, "status": 304})
        return PollResult(state.feed_url, "not_modified", moved_to=result.permanent_redirect_to)

    async def _succeeded(
        self, state: FeedState, result: FetchResult, parsed: ParsedFeed, published: list[str]
    ) -> PollResult:
        """Store the new validators only now, after every new item was published."""
        await self._store.record_success(
            state.feed_url, etag=result.etag, last_modified=result.last_modified,
            next_poll_at=self._next_poll_at(state), items_seen=len(published),
        )
        self.metrics.feeds_ok += 1
        self.metrics.items_rejected += parsed.rejected
        logger.info(
            "feed polled: %d published, %d rejected", len(published), parsed.rejected,
            extra={"feed_url": state.feed_url, "status": result.status},
        )
        return PollResult(state.feed_url, "ok", published, parsed.rejected, moved_to=result.permanent_redirect_to)

    async def _failed(self, feed_url: str, exc: Exception, published: list[str]) -> PollResult:
        """Count the error, back the feed off, keep its old validators so nothing unpublished is skipped."""
        kind = failure_kind(exc)
        error = str(exc) if isinstance(exc, FetchError) else f"{kind}: {exc}"
        self.metrics.feed_errors[kind] += 1
        log = logger.exception if kind in {"internal", "publish"} else logger.warning
        log("feed poll failed: %s", error, extra={"feed_url": feed_url, "error_kind": kind})
        try:
            state = await self._store.get_state(feed_url)
            await self._store.record_error(feed_url, error, interval_seconds=self._interval(state))
        except Exception:
            logger.exception("cannot record the feed's error", extra={"feed_url": feed_url})
        return PollResult(feed_url, "error", published, error=error, error_kind=kind)

    def _interval(self, state: FeedState | None) -> float:
        """The feed's own interval, else the default."""
        return (state.interval_seconds if state else None) or self._settings.interval_seconds

    def _next_poll_at(self, state: FeedState) -> dt.datetime:
        """Now plus the feed's interval, ±10% jitter."""
        return self._clock() + dt.timedelta(seconds=jittered(self._interval(state), self._rng))

    @staticmethod
    def _source(state: FeedState, parsed: ParsedFeed) -> str:
        """Short source name: the feed's title, else the stored title, else its host."""
        return parsed.title or state.title or urlsplit(state.feed_url).hostname or state.feed_url
