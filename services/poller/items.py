"""Publishing a feed's new or changed items in bounded batches, each page fetched through the guarded Fetcher.

An item's failure (too large to carry, refused by the broker) is recorded as a
lost item with its reason and never cancels its neighbours; a batch is marked
seen as soon as it is acknowledged, so a failure later in a large feed costs
no re-publishing of what went out before it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from schemas.records import RawArticle
from services.common.settings import KafkaSettings
from services.poller.errors import FetchError
from services.poller.fetch import Fetcher
from services.poller.fit import MAX_URL_CHARS, RecordTooLargeError, fit_record, surely_fits
from services.poller.limits import HostLimiter
from services.poller.metrics import PollerMetrics
from services.poller.models import LostItem, SeenItem
from services.poller.pages import PageOutcome, page_outcome, raw_article
from services.poller.parse import FeedItem
from services.poller.store import Clock, FeedStore

logger = logging.getLogger("newsflow.poller.items")

Publish = Callable[[RawArticle], Awaitable[None]]
PAGES_PER_FEED = 4
MAX_REASON_CHARS = 1000


@dataclass(frozen=True)
class Limits:
    """How items are carried: record bytes on news.raw, title length, items per acknowledged batch."""

    record_bytes: int = KafkaSettings().raw_record_bytes
    title_chars: int = 1000
    batch_items: int = 500


class PublishError(Exception):
    """The store could not remember a published batch; the feed's later items wait for the next poll."""


class ItemPublisher:
    """Fetches pages and publishes items; an item is marked seen only after publish returned."""

    def __init__(
        self, store: FeedStore, fetcher: Fetcher, publish: Publish, hosts: HostLimiter, metrics: PollerMetrics,
        *, fetch_pages: bool, clock: Clock, limits: Limits | None = None,
    ) -> None:
        self._store, self._fetcher, self._publish = store, fetcher, publish
        self._hosts, self._metrics = hosts, metrics
        self._fetch_pages, self._clock = fetch_pages, clock
        self._limits = limits or Limits()

    async def publish_new(self, feed_url: str, source: str, items: Sequence[FeedItem], published: list[str],
                          lost: list[LostItem]) -> None:
        """Publish every item not seen with its current content, batch by batch; ids land in published or lost.

        Only the store failing to remember a batch raises (PublishError): that
        batch was published, the later ones stay unseen for the next poll.
        """
        unique = list({item.item_key: item for item in reversed(items)}.values())  # first of each key wins
        seen = await self._store.seen_hashes(feed_url, [i.item_key for i in unique])
        fresh = [i for i in unique if seen.get(i.item_key) != i.content_hash]
        pages = asyncio.Semaphore(PAGES_PER_FEED)
        size = self._limits.batch_items
        for start in range(0, len(fresh), size):
            batch = fresh[start:start + size]
            reasons = await asyncio.gather(*(self._publish_item(feed_url, source, i, pages) for i in batch))
            acked = [item for item, reason in zip(batch, reasons, strict=True) if reason is None]
            failed = [self._lost(feed_url, item, reason) for item, reason in zip(batch, reasons, strict=True)
                      if reason is not None]
            published.extend(item.article_id for item in acked)
            lost.extend(failed)
            await self._record_lost(feed_url, failed)
            try:
                await self._store.mark_seen_many(
                    feed_url, [SeenItem(i.item_key, i.article_id, i.content_hash) for i in acked])
            except Exception as exc:
                raise PublishError(f"{len(acked)} published items could not be remembered: {exc!r}") from exc
            self._metrics.items_published += len(acked)
            self._metrics.items_lost += len(failed)

    async def _publish_item(self, feed_url: str, source: str, item: FeedItem, pages: asyncio.Semaphore) -> str | None:
        """Fetch the item's page and publish the record fitted to news.raw; why it was not, or None. Never raises."""
        async with pages:
            page = await self._page(feed_url, item)
        try:
            record = raw_article(item, feed_url, source, page, self._clock())
            limits = self._limits
            if surely_fits(record, limits.record_bytes) and not record.html:
                record = fit_record(record, limits.record_bytes, limits.title_chars)
            else:  # encoding and trimming megabytes: off the event loop
                record = await asyncio.to_thread(fit_record, record, limits.record_bytes, limits.title_chars)
        except RecordTooLargeError as exc:
            return f"too large: {exc}"
        except Exception as exc:  # a record no model accepts
            return f"malformed: {exc!r}"
        try:
            await self._publish(record)
        except Exception as exc:
            return f"publish: {exc!r}"
        if record.trimmed:
            self._metrics.items_trimmed += 1
        logger.debug("item published", extra={"feed_url": feed_url, "article_id": item.article_id})
        return None

    def _lost(self, feed_url: str, item: FeedItem, reason: str) -> LostItem:
        """A LostItem for the item (its reason at most MAX_REASON_CHARS: an error may quote the whole input), logged."""
        reason = reason[:MAX_REASON_CHARS]
        logger.error("item lost: %s", reason, extra={"feed_url": feed_url, "article_id": item.article_id})
        return LostItem(feed_url, item.item_key, item.article_id, item.url, reason)

    async def _record_lost(self, feed_url: str, lost: list[LostItem]) -> None:
        """Store the lost items; when the store fails too they are still in the poll's result and the log."""
        try:
            await self._store.record_lost(lost)
        except Exception:
            logger.exception("cannot record %d lost items", len(lost), extra={"feed_url": feed_url})

    async def _page(self, feed_url: str, item: FeedItem) -> PageOutcome:
        """The item's page, or an outcome saying why it could not be fetched."""
        if not self._fetch_pages:
            return PageOutcome()
        if item.link is None:
            return PageOutcome(error="item has no http(s) link")
        if len(item.link) > MAX_URL_CHARS:  # the item cannot be carried anyway: spare the server the request
            return PageOutcome(error=f"link of {len(item.link)} characters not fetched")
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
