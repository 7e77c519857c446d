"""FeedStore on Postgres (tables feeds, feed_items and lost_items), through an asyncpg pool."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import asyncpg

from services.poller.models import FeedSpec, FeedState, LostItem, SeenItem
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

SEEN_HASHES = """
SELECT item_key, content_hash FROM feed_items WHERE feed_url = $1 AND item_key = ANY($2::text[])
"""
MARK_SEEN_MANY = """
WITH seen AS (
    INSERT INTO feed_items (feed_url, item_key, article_id, content_hash)
    SELECT $1, k, a, h FROM unnest($2::text[], $3::uuid[], $4::text[]) AS t (k, a, h)
    ON CONFLICT (feed_url, item_key) DO UPDATE
    SET article_id = EXCLUDED.article_id, content_hash = EXCLUDED.content_hash, last_seen_at = now()
    RETURNING item_key
)
DELETE FROM lost_items WHERE feed_url = $1 AND item_key IN (SELECT item_key FROM seen)
"""
RECORD_LOST = """
INSERT INTO lost_items (feed_url, item_key, article_id, url, reason)
SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[])
ON CONFLICT (feed_url, item_key) DO UPDATE
SET article_id = EXCLUDED.article_id, url = EXCLUDED.url, reason = EXCLUDED.reason,
    attempts = lost_items.attempts + 1, last_failed_at = now()
"""
LIST_LOST = """
SELECT feed_url, item_key, article_id::text AS article_id, url, reason, attempts, first_failed_at, last_failed_at
FROM lost_items WHERE ($1::text IS NULL OR feed_url = $1)
ORDER BY last_failed_at DESC, feed_url DESC, item_key DESC LIMIT $2
"""
STORED_TEXT_CHARS = 2000  # a lost item's url and reason as stored (a hostile link may be megabytes)


def storable(text: str) -> str:
    """Text Postgres accepts, at most STORED_TEXT_CHARS long: NUL bytes and lone surrogates replaced."""
    text = text[:STORED_TEXT_CHARS].replace("\x00", "\ufffd")
    return text.encode("utf-8", "replace").decode("utf-8")


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

    async def seen_hashes(self, feed_url: str, item_keys: Sequence[str]) -> dict[str, str]:
        """item_key → content hash of the listed items marked seen."""
        rows = await self._pool.fetch(SEEN_HASHES, feed_url, list(item_keys))
        return {row["item_key"]: row["content_hash"] for row in rows}

    async def mark_seen_many(self, feed_url: str, items: Sequence[SeenItem]) -> None:
        """Remember the items as published and drop them from the lost items (one statement)."""
        if not items:
            return
        columns = ([i.item_key for i in items], [i.article_id for i in items], [i.content_hash for i in items])
        try:
            await self._pool.execute(MARK_SEEN_MANY, feed_url, *columns)
        except asyncpg.ForeignKeyViolationError as exc:
            raise KeyError(feed_url) from exc

    async def record_lost(self, items: Sequence[LostItem]) -> None:
        """New lost items, or one more attempt with the latest reason."""
        if not items:
            return
        latest = list({(i.feed_url, i.item_key): i for i in items}.values())  # one row per key and statement
        columns = ([i.feed_url for i in latest], [i.item_key for i in latest], [i.article_id for i in latest],
                   [storable(i.url) for i in latest], [storable(i.reason) for i in latest])
        try:
            await self._pool.execute(RECORD_LOST, *columns)
        except asyncpg.ForeignKeyViolationError as exc:
            raise KeyError(latest[0].feed_url) from exc

    async def list_lost(self, feed_url: str | None = None, limit: int | None = None) -> list[LostItem]:
        """Lost items, the most recent failure first."""
        return [LostItem(**dict(row)) for row in await self._pool.fetch(LIST_LOST, feed_url, limit)]
