"""Feed state behind a small interface: FeedStore, and InMemoryFeedStore for tests and one-shot runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from services.poller.models import FeedSpec, FeedState
from services.poller.schedule import backoff_seconds, utcnow

if TYPE_CHECKING:
    from services.poller.pgstore import PostgresFeedStore

__all__ = ["Clock", "FeedStore", "InMemoryFeedStore", "PostgresFeedStore"]

Clock = Callable[[], dt.datetime]


def __getattr__(name: str) -> Any:
    """PostgresFeedStore, imported on first use so the in-memory store needs no database driver."""
    if name == "PostgresFeedStore":
        from services.poller.pgstore import PostgresFeedStore

        return PostgresFeedStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class FeedStore(Protocol):
    """Where feed validators, schedule, errors and seen items live.

    Items are marked seen only after they were published, so a crash in between
    re-publishes them (at-least-once; article_id keeps that idempotent downstream).
    record_success, record_error and mark_seen raise KeyError for a feed never upserted.
    """

    async def upsert_feeds(self, feeds: Iterable[FeedSpec]) -> None:
        """Add feeds not yet known; a non-empty title replaces the stored one; nothing else changes."""
        ...

    async def get_state(self, feed_url: str) -> FeedState | None:
        """The feed's state, or None when it was never upserted."""
        ...

    async def record_success(
        self, feed_url: str, *, etag: str | None, last_modified: str | None, next_poll_at: dt.datetime, items_seen: int
    ) -> None:
        """Store new validators, reset the error count, schedule the next poll, add items_seen to the total."""
        ...

    async def record_error(self, feed_url: str, error: str, *, interval_seconds: float) -> FeedState:
        """Count one more error in a row and back off geometrically from interval_seconds; the new state."""
        ...

    async def is_new_or_changed(self, feed_url: str, item_key: str, content_hash: str) -> bool:
        """True unless this item was marked seen with this very content hash."""
        ...

    async def mark_seen(self, feed_url: str, item_key: str, article_id: str, content_hash: str) -> None:
        """Remember the item (and its content hash) as published."""
        ...


class InMemoryFeedStore:
    """FeedStore in dictionaries: state lasts as long as the process."""

    def __init__(self, clock: Clock = utcnow) -> None:
        self._clock = clock
        self.feeds: dict[str, FeedState] = {}
        self.items: dict[tuple[str, str], tuple[str, str]] = {}

    async def upsert_feeds(self, feeds: Iterable[FeedSpec]) -> None:
        """Add feeds not yet known; a non-empty title replaces the stored one."""
        for spec in feeds:
            state = self.feeds.get(spec.url) or FeedState(spec.url)
            self.feeds[spec.url] = dataclasses.replace(state, title=spec.title or state.title)

    async def get_state(self, feed_url: str) -> FeedState | None:
        """The feed's state, or None."""
        return self.feeds.get(feed_url)

    async def record_success(
        self, feed_url: str, *, etag: str | None, last_modified: str | None, next_poll_at: dt.datetime, items_seen: int
    ) -> None:
        """New validators, no errors in a row, next poll scheduled."""
        state = self.feeds[feed_url]
        self.feeds[feed_url] = dataclasses.replace(
            state, etag=etag, last_modified=last_modified, error_count=0, next_poll_at=next_poll_at,
            last_success_at=self._clock(), items_seen=state.items_seen + items_seen,
        )

    async def record_error(self, feed_url: str, error: str, *, interval_seconds: float) -> FeedState:
        """One more error in a row; next poll after the backoff delay."""
        state = self.feeds[feed_url]
        count = state.error_count + 1
        delay = dt.timedelta(seconds=backoff_seconds(count, interval_seconds))
        self.feeds[feed_url] = dataclasses.replace(
            state, error_count=count, last_error=error, next_poll_at=self._clock() + delay
        )
        return self.feeds[feed_url]

    async def is_new_or_changed(self, feed_url: str, item_key: str, content_hash: str) -> bool:
        """True unless seen with this content hash."""
        seen = self.items.get((feed_url, item_key))
        return seen is None or seen[1] != content_hash

    async def mark_seen(self, feed_url: str, item_key: str, article_id: str, content_hash: str) -> None:
        """Remember the item as published."""
        if feed_url not in self.feeds:
            raise KeyError(feed_url)
        self.items[(feed_url, item_key)] = (article_id, content_hash)
