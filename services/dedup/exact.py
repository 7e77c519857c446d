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
from collections.abc import MutableMapping
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


def first_seen(urls: MutableMapping[bytes, bytes], hashes: MutableMapping[bytes, bytes], article: Article,
               now: dt.datetime, window: dt.timedelta,
               partition: int) -> tuple[tuple[Literal["url", "content"], str] | None, int]:
    """The URL copy, else the content copy (kind and original; None when neither), recording the article in the
    tables as the first seen with its URL and content hash (values owned by ``partition``); and the epoch second
    it was first seen, its place in the near-duplicate order (kept across a redelivery)."""
    url_key, first = table_key(article.canonical_url), new_entry(article, now)
    original = earlier_copy(entry_of(urls.get(url_key)), article, now, window)
    if original:
        return ("url", original), int(first["seen_at"])
    urls[url_key] = pack(first, partition)
    key = content_key(article)
    if key is None:
        return None, int(first["seen_at"])
    hash_key = table_key(key)
    seen = entry_of(hashes.get(hash_key))
    original = earlier_copy(seen, article, now, window)
    if original:
        return ("content", original), int(first["seen_at"])
    entry = seen if seen and seen["article_id"] == article.article_id else first
    hashes[hash_key] = pack(entry, partition)
    return None, int(entry["seen_at"])


def entry_of(stored: bytes | None) -> SeenEntry | None:
    """The entry of a table value (None when absent)."""
    unpacked = unpack(stored)
    return unpacked[0] if unpacked else None
