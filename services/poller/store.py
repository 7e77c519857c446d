"""Feed state behind a small interface: FeedStore; InMemoryFeedStore (memstore) for tests and one-shot runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from services.poller.memstore import InMemoryFeedStore
from services.poller.models import FeedSpec, FeedState, LostItem, SeenItem
from services.poller.schedule import MAX_BACKOFF_SECONDS, Clock

if TYPE_CHECKING:
    from services.poller.pgstore import PostgresFeedStore

__all__ = ["Clock", "FeedStore", "InMemoryFeedStore", "LostItem", "PostgresFeedStore", "SeenItem"]


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
        """The feed's state, or None when it was never upserted (or was removed)."""
        ...

    async def list_feeds(self) -> list[FeedState]:
        """Every feed, ordered by URL."""
        ...

    async def record_success(
        self, feed_url: str, *, etag: str | None, last_modified: str | None, next_poll_at: dt.datetime,
        items_seen: int, interval_seconds: float | None = None,
    ) -> None:
        """Store new validators (and the interval, when given), reset the error count, schedule the next poll."""
        ...

    async def record_error(
        self, feed_url: str, error: str, *, interval_seconds: float, min_delay_seconds: float = 0.0,
        max_backoff_seconds: float = MAX_BACKOFF_SECONDS,
    ) -> FeedState:
        """One more error in a row; next poll after the geometric backoff, or min_delay if longer; the new state."""
        ...

    async def set_enabled(self, feed_url: str, enabled: bool, reason: str | None = None) -> bool:
        """Disable with a reason, or enable (errors reset, due at once); False when the feed is unknown."""
        ...

    async def remove_feed(self, feed_url: str) -> bool:
        """Forget the feed and its seen items; False when it was unknown."""
        ...

    async def move_feed(self, old_url: str, new_url: str) -> None:
        """The feed moved for good (301/308): rename it, keeping its state; merged into new_url if that exists."""
        ...

    async def is_new_or_changed(self, feed_url: str, item_key: str, content_hash: str) -> bool:
        """True unless this item was marked seen with this very content hash."""
        ...

    async def mark_seen(self, feed_url: str, item_key: str, article_id: str, content_hash: str) -> None:
        """Remember the item (and its content hash) as published."""
        ...

    async def seen_hashes(self, feed_url: str, item_keys: Sequence[str]) -> dict[str, str]:
        """item_key → content hash of every listed item marked seen (one round trip)."""
        ...

    async def mark_seen_many(self, feed_url: str, items: Sequence[SeenItem]) -> None:
        """Remember the items as published (one round trip); they leave the lost items."""
        ...

    async def record_lost(self, items: Sequence[LostItem]) -> None:
        """Record items that could not be carried: new ones, or one more attempt with the latest reason."""
        ...

    async def list_lost(self, feed_url: str | None = None, limit: int | None = None) -> list[LostItem]:
        """Lost items (of one feed, or all), the most recent failure first."""
        ...
