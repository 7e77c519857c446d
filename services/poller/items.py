"""Publishing a feed's new or changed items, each with its article page fetched through the guarded Fetcher."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from schemas.records import RawArticle
from services.poller.errors import FetchError
from services.poller.fetch import Fetcher
from services.poller.limits import HostLimiter
from services.poller.metrics import PollerMetrics
from services.poller.pages import PageOutcome, page_outcome, raw_article
from services.poller.parse import FeedItem
from services.poller.store import Clock, FeedStore

logger = logging.getLogger("newsflow.poller.items")

Publish = Callable[[RawArticle], Awaitable[None]]
PAGES_PER_FEED = 4


class PublishError(Exception):
    """The publish callable (the Kafka producer) failed; the item stays unseen and is retried next poll."""


class ItemPublisher:
    """Fetches pages and publishes items; an item is marked seen only after publish returned."""

    def __init__(
        self, store: FeedStore, fetcher: Fetcher, publish: Publish, hosts: HostLimiter, metrics: PollerMetrics,
        *, fetch_pages: bool, clock: Clock,
    ) -> None:
        self._store, self._fetcher, self._publish = store, fetcher, publish
        self._hosts, self._metrics = hosts, metrics
        self._fetch_pages, self._clock = fetch_pages, clock

    async def publish_new(self, feed_url: str, source: str, items: Sequence[FeedItem], published: list[str]) -> None:
        """Publish every item not seen with its current content; ids land in published as they go out.

        A publish failure stops the feed's remaining items (they stay unseen and
        are retried on the next poll) and is raised to the caller.
        """
        unique = list({item.item_key: item for item in reversed(items)}.values())  # first of each key wins
        fresh = [i for i in unique if await self._store.is_new_or_changed(feed_url, i.item_key, i.content_hash)]
        pages = asyncio.Semaphore(PAGES_PER_FEED)
        try:
            async with asyncio.TaskGroup() as group:
                for item in fresh:
                    group.create_task(self._publish_item(feed_url, source, item, pages, published))
        except ExceptionGroup as failures:
            raise failures.exceptions[0] from failures

    async def _publish_item(
        self, feed_url: str, source: str, item: FeedItem, pages: asyncio.Semaphore, published: list[str]
    ) -> None:
        """Fetch the item's page, publish the record, then mark the item seen."""
        async with pages:
            page = await self._page(feed_url, item)
        try:
            await self._publish(raw_article(item, feed_url, source, page, self._clock()))
        except Exception as exc:
            raise PublishError(f"publishing {item.article_id} failed: {exc!r}") from exc
        await self._store.mark_seen(feed_url, item.item_key, item.article_id, item.content_hash)
        published.append(item.article_id)
        self._metrics.items_published += 1
        extra = {"feed_url": feed_url, "article_id": item.article_id}
        logger.info("item published", extra=extra)

    async def _page(self, feed_url: str, item: FeedItem) -> PageOutcome:
        """The item's page, or an outcome saying why it could not be fetched."""
        if not self._fetch_pages:
            return PageOutcome()
        if item.link is None:
            return PageOutcome(error="item has no http(s) link")
        try:
            async with self._hosts.slot(item.link):
                result = await self._fetcher.fetch_page(item.link)
            self._metrics.pages_fetched += 1
            self._metrics.bytes_fetched += len(result.body)
            return page_outcome(result)
        except FetchError as exc:
            return self._page_failed(feed_url, item, exc.kind, exc)
        except Exception as exc:  # a page must never cost the item: publish it without html
            return self._page_failed(feed_url, item, "internal", exc)

    def _page_failed(self, feed_url: str, item: FeedItem, kind: str, exc: Exception) -> PageOutcome:
        """Count and log a page that could not be fetched; the outcome carries the reason."""
        self._metrics.page_errors[kind] += 1
        extra = {"feed_url": feed_url, "article_id": item.article_id, "error_kind": kind}
        logger.warning("page fetch failed: %s", exc, extra=extra, exc_info=kind == "internal")
        return PageOutcome(error=str(exc) if isinstance(exc, FetchError) else f"internal: {exc!r}")
