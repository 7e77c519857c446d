"""Exact deduplication: the first article seen with a canonical URL or a content hash wins.

Table layout (``table_key``, ``pack``): the key is a 16-byte blake2b digest of
the canonical URL or content hash, the value ENTRY_BYTES of packed binary
(article uuid, ``seen_at`` in whole seconds, the input partition that owns the
key so a sweep can find it again). The logic works on ``SeenEntry`` dicts, so
any key-value table serves (a Faust table in production, a dict in tests).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import uuid
from typing import Literal, TypedDict

from schemas.records import Article, Duplicate

MIN_WORDS_FOR_CONTENT_MATCH = 25
KEY_BYTES = 16
ENTRY = struct.Struct("<16sIH")  # article uuid, seen_at (uint32 epoch seconds), owning partition
ENTRY_BYTES = ENTRY.size


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
    """The table entry recording that this article was seen now (whole seconds: what the table keeps)."""
    return SeenEntry(article_id=article.article_id, seen_at=float(int(now.timestamp())))


def content_key(article: Article) -> str | None:
    """The key for content matching; None for texts too short to identify an article."""
    return article.content_hash if article.word_count >= MIN_WORDS_FOR_CONTENT_MATCH else None


def table_key(compared: str) -> bytes:
    """The table key for a canonical URL or content hash: its KEY_BYTES-byte blake2b digest."""
    return hashlib.blake2b(compared.encode("utf-8"), digest_size=KEY_BYTES).digest()


def pack(entry: SeenEntry, partition: int) -> bytes:
    """An entry as ENTRY_BYTES bytes; article ids are uuids (uuid5 of the URL or feed GUID)."""
    return ENTRY.pack(uuid.UUID(entry["article_id"]).bytes, int(entry["seen_at"]), partition)


def unpack(stored: bytes | None) -> tuple[SeenEntry, int] | None:
    """The entry and its owning partition, or None for a missing key."""
    if not stored:
        return None
    raw_id, seen_at, partition = ENTRY.unpack(stored)
    return SeenEntry(article_id=str(uuid.UUID(bytes=raw_id)), seen_at=float(seen_at)), partition


def duplicate_record(article: Article, duplicate_of: str, kind: Literal["url", "content", "near"],
                     now: dt.datetime, similarity: float = 1.0) -> Duplicate:
    """The Duplicate record for news.duplicates."""
    return Duplicate(article_id=article.article_id, duplicate_of=duplicate_of, kind=kind,
                     similarity=similarity, detected_at=now, article=article)
