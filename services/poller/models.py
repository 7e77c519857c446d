"""Plain records shared by the poller's parts: a feed to poll, what is stored about it, a poll's outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

PollStatus = Literal["ok", "not_modified", "error", "disabled"]


@dataclass(frozen=True)
class FeedSpec:
    """One feed to poll, as a feed list names it."""

    url: str
    title: str | None = None


@dataclass(frozen=True)
class FeedState:
    """What the store knows about one feed: validators for conditional GET, errors, schedule."""

    feed_url: str
    title: str | None = None
    enabled: bool = True
    etag: str | None = None
    last_modified: str | None = None
    interval_seconds: float | None = None
    error_count: int = 0
    last_error: str | None = None
    next_poll_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    items_seen: int = 0
    disabled_reason: str | None = None
    last_error_at: dt.datetime | None = None

    @property
    def status(self) -> str:
        """One word for `feeds list`: active, failing or disabled."""
        if not self.enabled:
            return "disabled"
        return "failing" if self.error_count else "active"


@dataclass(frozen=True)
class SeenItem:
    """An item to remember as published: its key, id and content hash."""

    item_key: str
    article_id: str
    content_hash: str


@dataclass(frozen=True)
class LostItem:
    """An item that could not be carried to news.raw, and why; it stays unseen, so every poll retries it."""

    feed_url: str
    item_key: str
    article_id: str
    url: str
    reason: str
    attempts: int = 1
    first_failed_at: dt.datetime | None = None
    last_failed_at: dt.datetime | None = None


@dataclass
class PollResult:
    """The outcome of polling one feed once."""

    feed_url: str
    status: PollStatus
    article_ids: list[str] = field(default_factory=list)
    rejected: int = 0
    error: str | None = None
    error_kind: str | None = None
    moved_to: str | None = None
    disabled_reason: str | None = None
    duplicates: int = 0
    lost: list[LostItem] = field(default_factory=list)
