"""InMemoryFeedStore: the FeedStore contract in dictionaries, for tests and one-process runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from services.poller.models import FeedSpec, FeedState, LostItem, SeenItem
from services.poller.schedule import MAX_BACKOFF_SECONDS, Clock, backoff_seconds, utcnow


class InMemoryFeedStore:
    """FeedStore in dictionaries: state lasts as long as the process."""

    def __init__(self, clock: Clock = utcnow) -> None:
        self._clock = clock
        self.feeds: dict[str, FeedState] = {}
        self.items: dict[tuple[str, str], tuple[str, str]] = {}
        self.lost: dict[tuple[str, str], LostItem] = {}

    async def upsert_feeds(self, feeds: Iterable[FeedSpec]) -> None:
        """Add feeds not yet known; a non-empty title replaces the stored one."""
        for spec in feeds:
            state = self.feeds.get(spec.url) or FeedState(spec.url)
            self.feeds[spec.url] = dataclasses.replace(state, title=spec.title or state.title)

    async def get_state(self, feed_url: str) -> FeedState | None:
        """The feed's state, or None."""
        return self.feeds.get(feed_url)

    async def list_feeds(self) -> list[FeedState]:
        """Every feed, ordered by URL."""
        return [self.feeds[url] for url in sorted(self.feeds)]

    async def record_success(
        self, feed_url: str, *, etag: str | None, last_modified: str | None, next_poll_at: dt.datetime,
        items_seen: int, interval_seconds: float | None = None,
    ) -> None:
        """New validators, no errors in a row, next poll scheduled."""
        state = self.feeds[feed_url]
        self.feeds[feed_url] = dataclasses.replace(
            state, etag=etag, last_modified=last_modified, error_count=0, next_poll_at=next_poll_at,
            last_success_at=self._clock(), items_seen=state.items_seen + items_seen,
            interval_seconds=interval_seconds if interval_seconds is not None else state.interval_seconds,
        )

    async def record_error(
        self, feed_url: str, error: str, *, interval_seconds: float, min_delay_seconds: float = 0.0,
        max_backoff_seconds: float = MAX_BACKOFF_SECONDS,
    ) -> FeedState:
        """One more error in a row; next poll after the backoff delay (or min_delay_seconds if longer)."""
        state = self.feeds[feed_url]
        count = state.error_count + 1
        delay = max(backoff_seconds(count, interval_seconds, max_backoff_seconds), min_delay_seconds)
        now = self._clock()
        self.feeds[feed_url] = dataclasses.replace(
            state, error_count=count, last_error=error, last_error_at=now,
            next_poll_at=now + dt.timedelta(seconds=delay),
        )
        return self.feeds[feed_url]

    async def set_enabled(self, feed_url: str, enabled: bool, reason: str | None = None) -> bool:
        """Disable with a reason, or enable with errors reset and the feed due at once."""
        state = self.feeds.get(feed_url)
        if state is None:
            return False
        if enabled:
            state = dataclasses.replace(state, enabled=True, disabled_reason=None, error_count=0, next_poll_at=None)
        else:
            state = dataclasses.replace(state, enabled=False, disabled_reason=reason)
        self.feeds[feed_url] = state
        return True

    async def remove_feed(self, feed_url: str) -> bool:
        """Forget the feed and its items."""
        self.items = {key: v for key, v in self.items.items() if key[0] != feed_url}
        self.lost = {key: v for key, v in self.lost.items() if key[0] != feed_url}
        return self.feeds.pop(feed_url, None) is not None

    async def move_feed(self, old_url: str, new_url: str) -> None:
        """Rename the feed (its items follow); when new_url is already known the old entry is dropped."""
        state = self.feeds.pop(old_url, None)
        if state is None:
            raise KeyError(old_url)
        moved = {(new_url, k): v for (f, k), v in self.items.items() if f == old_url}
        self.items = {key: v for key, v in self.items.items() if key[0] != old_url}
        lost = {(new_url, k): dataclasses.replace(v, feed_url=new_url)
                for (f, k), v in self.lost.items() if f == old_url}
        self.lost = {key: v for key, v in self.lost.items() if key[0] != old_url}
        if new_url not in self.feeds:
            self.feeds[new_url] = dataclasses.replace(state, feed_url=new_url)
            self.items.update(moved)
            self.lost.update(lost)

    async def is_new_or_changed(self, feed_url: str, item_key: str, content_hash: str) -> bool:
        """True unless seen with this content hash."""
        seen = self.items.get((feed_url, item_key))
        return seen is None or seen[1] != content_hash

    async def mark_seen(self, feed_url: str, item_key: str, article_id: str, content_hash: str) -> None:
        """Remember the item as published."""
        await self.mark_seen_many(feed_url, [SeenItem(item_key, article_id, content_hash)])

    async def seen_hashes(self, feed_url: str, item_keys: Sequence[str]) -> dict[str, str]:
        """item_key → content hash of the listed items marked seen."""
        return {key: seen[1] for key in item_keys if (seen := self.items.get((feed_url, key))) is not None}

    async def mark_seen_many(self, feed_url: str, items: Sequence[SeenItem]) -> None:
        """Remember the items as published; they leave the lost items."""
        if feed_url not in self.feeds:
            raise KeyError(feed_url)
        for item in items:
            self.items[(feed_url, item.item_key)] = (item.article_id, item.content_hash)
            self.lost.pop((feed_url, item.item_key), None)

    async def record_lost(self, items: Sequence[LostItem]) -> None:
        """New lost items, or one more attempt with the latest reason."""
        now = self._clock()
        for item in items:
            if item.feed_url not in self.feeds:
                raise KeyError(item.feed_url)
            known = self.lost.get((item.feed_url, item.item_key))
            self.lost[(item.feed_url, item.item_key)] = dataclasses.replace(
                item, attempts=known.attempts + 1 if known else 1,
                first_failed_at=known.first_failed_at if known else now, last_failed_at=now)

    async def list_lost(self, feed_url: str | None = None, limit: int | None = None) -> list[LostItem]:
        """Lost items, the most recent failure first."""
        found = [v for v in self.lost.values() if feed_url is None or v.feed_url == feed_url]
        found.sort(key=lambda v: (v.last_failed_at or now_min(), v.feed_url, v.item_key), reverse=True)
        return found[:limit] if limit is not None else found


def now_min() -> dt.datetime:
    """The earliest aware datetime, for sorting."""
    return dt.datetime.min.replace(tzinfo=dt.UTC)
