"""LSH buckets: per band key, the articles whose band matched, packed into one bytes value.

An entry is ``article_id`` (16 bytes, the uuid), ``seen_at`` (uint32 seconds)
and the 1-bit MinHash digest: ENTRY_BYTES in all. Articles are ordered by
``(seen_at, article_id)``, a total order fixed when the article passed the
content check; an article only ever matches entries *before* it in that order,
so ``duplicate_of`` always points to an earlier article and no two copies can
be each other's duplicate.

Hazard: a bucket is capped at ``cap`` entries (the oldest are dropped) so a
band value shared by very many articles (a boilerplate sentence) cannot grow
without bound; a copy of a dropped article can then only be found through its
other bands.
"""

from __future__ import annotations

import struct
import uuid
from typing import NamedTuple

from services.dedup.minhash import DIGEST_BITS, similarity

HEAD = struct.Struct("<16sI")
DIGEST_BYTES = DIGEST_BITS // 8
ENTRY_BYTES = HEAD.size + DIGEST_BYTES
DEFAULT_CAP = 64


class Entry(NamedTuple):
    """One article in a bucket."""

    article_id: str
    seen_at: int
    digest: bytes

    @property
    def order(self) -> tuple[int, str]:
        """The total order that decides which of two copies is the original."""
        return (self.seen_at, self.article_id)


class Match(NamedTuple):
    """An earlier article similar enough to be the original."""

    article_id: str
    seen_at: int
    similarity: float


def pack(entry: Entry) -> bytes:
    """An entry as ENTRY_BYTES bytes."""
    return HEAD.pack(uuid.UUID(entry.article_id).bytes, entry.seen_at) + entry.digest


def unpack(bucket: bytes | None) -> list[Entry]:
    """Every entry of a packed bucket, in stored order."""
    out = []
    for start in range(0, len(bucket or b""), ENTRY_BYTES):
        raw_id, seen_at = HEAD.unpack_from(bucket or b"", start)
        out.append(Entry(str(uuid.UUID(bytes=raw_id)), seen_at,
                         (bucket or b"")[start + HEAD.size:start + ENTRY_BYTES]))
    return out


def live(entries: list[Entry], now: float, window_seconds: float) -> list[Entry]:
    """The entries still inside the window."""
    return [e for e in entries if now - e.seen_at <= window_seconds]


def probe(bucket: bytes | None, entry: Entry, now: float, window_seconds: float, threshold: float,
          cap: int = DEFAULT_CAP) -> tuple[list[Match], bytes]:
    """Earlier similar entries of the bucket, and the bucket with ``entry`` added."""
    earlier, _, updated = probe_all(bucket, entry, now, window_seconds, threshold, cap)
    return earlier, updated


def probe_all(bucket: bytes | None, entry: Entry, now: float, window_seconds: float, threshold: float,
              cap: int = DEFAULT_CAP) -> tuple[list[Match], list[Match], bytes]:
    """Earlier and later similar entries of the bucket, and the bucket with ``entry`` added (expired dropped).

    Idempotent: probing again with the same entry (a redelivery) adds nothing
    and returns the same matches, unless other copies arrived in between.
    """
    entries = live(unpack(bucket), now, window_seconds)
    found = [Match(e.article_id, e.seen_at, round(similarity(e.digest, entry.digest), 4)) for e in entries
             if e.article_id != entry.article_id]
    similar = [m for m in found if m.similarity >= threshold]
    if all(e.article_id != entry.article_id for e in entries):
        entries.append(entry)
    entries = sorted(entries, key=lambda e: e.order)[-cap:]
    earlier = [m for m in similar if (m.seen_at, m.article_id) < entry.order]
    later = [m for m in similar if (m.seen_at, m.article_id) > entry.order]
    return earlier, later, b"".join(pack(e) for e in entries)


def evict(bucket: bytes | None, now: float, window_seconds: float) -> bytes | None:
    """The bucket without expired entries; None when nothing is left (delete the key)."""
    entries = live(unpack(bucket), now, window_seconds)
    return b"".join(pack(e) for e in entries) or None
