"""Exact deduplication: the first article seen with a canonical URL or a content hash wins.

Entries are small dicts ``{"article_id": str, "seen_at": float}`` so they can
live in any key-value table (a Faust table in production, a dict in tests).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypedDict

from schemas.records import Article, Duplicate

MIN_WORDS_FOR_CONTENT_MATCH = 25


class SeenEntry(TypedDict):
    """What a dedup table stores per key."""

    article_id: str
    seen_at: float


def is_expired(entry: SeenEntry, now: dt.datetime, window: dt.timedelta) -> bool:
    """True when the entry is older than the dedup window."""
    return now.timestamp() - entry["seen_at"] > window.total_seconds()


def earlier_copy(entry: SeenEntry | None, article: Article, now: dt.datetime, window: dt.timedelta) -> str | None:
    """The article_id this article duplicates, or None when it is the first (or the same one redelivered)."""
    if entry is None or is_expired(entry, now, window) or entry["article_id"] == article.article_id:
        return None
    return entry["article_id"]


def new_entry(article: Article, now: dt.datetime) -> SeenEntry:
    """The table entry recording that this article was seen now."""
    return SeenEntry(article_id=article.article_id, seen_at=now.timestamp())


def content_key(article: Article) -> str | None:
    """The key for content matching; None for texts too short to identify an article."""
    return article.content_hash if article.word_count >= MIN_WORDS_FOR_CONTENT_MATCH else None


def duplicate_record(article: Article, duplicate_of: str, kind: Literal["url", "content", "near"],
                     now: dt.datetime, similarity: float = 1.0) -> Duplicate:
    """The Duplicate record for news.duplicates."""
    return Duplicate(article_id=article.article_id, duplicate_of=duplicate_of, kind=kind,
                     similarity=similarity, detected_at=now, article=article)
