"""FeedStore on Postgres (tables feeds and feed_items, migrations 0001-0002), through an asyncpg pool."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import asyncpg

from services.poller.models import FeedSpec, FeedState
from services.poller.schedule import MAX_BACKOFF_SECONDS, backoff_seconds

STATE_COLUMNS = (
    "feed_url, title, enabled, etag, last_modified, interval_seconds, error_count, last_error, "
    "next_poll_at, last_success_at, items_seen, disabled_reason, last_error_at"
)
UPSERT_FEED = """
INSERT INTO feeds (feed_url, title) VALUES ($1, $2)
ON CONFLICT (feed_url) DO UPDATE SET title = EXCLUDED.title
WHERE EXCLUDED.title IS NOT NULL AND EXCLUDED.title IS DISTINCT FROM feeds.title
"""
RECORD_SUCCESS = """
UPDATE feeds SET etag = $2, last_modified = $3, next_poll_at = $4, items_seen = items_seen + $5,
    interval_seconds = coalesce($6, interval_seconds), error_count = 0, last_polled_at = now(), last_success_at = now()
WHERE feed_url = $1
"""
COUNT_ERROR = """
UPDATE feeds SET error_count = error_count + 1, last_error = $2, last_error_at = now(), last_polled_at = now()
WHERE feed_url = $1 RETURNING error_count, now() AS now
"""
SCHEDULE = f"UPDATE feeds SET next_poll_at = $2 WHERE feed_url = $1 RETURNING {STATE_COLUMNS}"
ENABLE = """
UPDATE feeds SET enabled = true, disabled_reason = NULL, disabled_at = NULL, error_count = 0, next_poll_at = NULL
WHERE feed_url = $1
"""
DISABLE = "UPDATE feeds SET enabled = false, disabled_reason = $2, disabled_at = now() WHERE feed_url = $1"
SEEN_HASH = "SELECT content_hash FROM feed_items WHERE feed_url = $1 AND item_key = $2"
MARK_SEEN = """
INSERT INTO feed_items (feed_url, item_key, article_id, content_hash) VALUES ($1, $2, $3::uuid, $4)
ON CONFLICT (feed_url, item_key) DO UPDATE
SET article_id = EXCLUDED.article_id, content_hash = EXCLUDED.content_hash, last_seen_at = now()
"""


def to_state(row: Any) -> FeedState:
    """A FeedState from a feeds row."""
    return FeedState(**dict(row))


class PostgresFeedStore:
    """FeedStore on Postgres; the pool is owned by the caller."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert_feeds(self, feeds: Iterable[FeedSpec]) -> None:
        """Add feeds not yet known; a non-empty title replaces the stored one."""
        rows = [(spec.url, spec.title) for spec in feeds]
        if rows:
            await self._pool.executemany(UPSERT_FEED, rows)

    async def get_state(self, feed_url: str) -> FeedState | None:
        """The feed's state, or None."""
        row = await self._pool.fetchrow(f"SELECT {STATE_COLUMNS} FROM feeds WHERE feed_url = $1", feed_url)
        return to_state(row) if row is not None else None

    async def list_feeds(self) -> list[FeedState]:
        """Every feed, ordered by URL."""
        return [to_state(r) for r in await self._pool.fetch(f"SELECT {STATE_COLUMNS} FROM feeds ORDER BY feed_url")]

    async def record_success(
        self, feed_url: str, *, etag: str | None, last_modified: str | None, next_poll_at: dt.datetime,
        items_seen: int, interval_seconds: float | None = None,
    ) -> None:
        """New validators, no errors in a row, next poll scheduled."""
        status = await self._pool.execute(
            RECORD_SUCCESS, feed_url, etag, last_modified, next_poll_at, items_seen, interval_seconds
        )
        if status == "UPDATE 0":
            raise KeyError(feed_url)

    async def record_error(
        self, feed_url: str, error: str, *, interval_seconds: float, min_delay_seconds: float = 0.0,
        max_backoff_seconds: float = MAX_BACKOFF_SECONDS,
    ) -> FeedState:
        """One more error in a row; next poll after the backoff delay or min_delay_seconds (one transaction)."""
        async with self._pool.acquire() as conn, conn.transaction():
            counted = await conn.fetchrow(COUNT_ERROR, feed_url, error)
            if counted is None:
                raise KeyError(feed_url)
            backoff = backoff_seconds(counted["error_count"], interval_seconds, max_backoff_seconds)
            delay = dt.timedelta(seconds=max(backoff, min_delay_seconds))
            return to_state(await conn.fetchrow(SCHEDULE, feed_url, counted["now"] + delay))

    async def set_enabled(self, feed_url: str, enabled: bool, reason: str | None = None) -> bool:
        """Disable with a reason, or enable with errors reset and the feed due at once."""
        if enabled:
            status = await self._pool.execute(ENABLE, feed_url)
        else:
            status = await self._pool.execute(DISABLE, feed_url, reason)
        return status != "UPDATE 0"

    async def remove_feed(self, feed_url: str) -> bool:
        """Forget the feed; its seen items go with it (ON DELETE CASCADE)."""
        return await self._pool.execute("DELETE FROM feeds WHERE feed_url = $1", feed_url) != "DELETE 0"

    async def move_feed(self, old_url: str, new_url: str) -> None:
        """Rename the feed (items follow by ON UPDATE CASCADE); dropped instead when new_url is already known."""
        async with self._pool.acquire() as conn, conn.transaction():
            if await conn.fetchval("SELECT 1 FROM feeds WHERE feed_url = $1", new_url):
                status = await conn.execute("DELETE FROM feeds WHERE feed_url = $1", old_url)
            else:
                status = await conn.execute("UPDATE feeds SET feed_url = $2 WHERE feed_url = $1", old_url, new_url)
        if status.endswith(" 0"):
            raise KeyError(old_url)

    async def is_new_or_changed(self, feed_url: str, item_key: str, content_hash: str) -> bool:
        """True unless seen with this content hash."""
        seen = await self._pool.fetchval(SEEN_HASH, feed_url, item_key)
        return seen != content_hash

    async def mark_seen(self, feed_url: str, item_key: str, article_id: str, content_hash: str) -> None:
        """Remember the item as published."""
        try:
            await self._pool.execute(MARK_SEEN, feed_url, item_key, article_id, content_hash)
        except asyncpg.ForeignKeyViolationError as exc:
            raise KeyError(feed_url) from exc
