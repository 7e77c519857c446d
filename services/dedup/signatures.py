"""The verification signature, stored once per article in its decision partition (table ``dedup-signatures``).

Key: the article uuid (16 bytes; the partition that owns it is the
news.dedup-near partition of the article id). Value RECORD_BYTES: ``seen_at``
(uint32 epoch seconds, the near-duplicate order), the outcome (undecided,
original, duplicate: claims are answered from it for the whole window) and
the 1-bit MinHash digest. A value of another length (another format) is read
as absent and logged once.
"""

from __future__ import annotations

import logging
import struct
import uuid
from typing import NamedTuple

from services.dedup.minhash import DIGEST_BITS, similarity

log = logging.getLogger("newsflow.dedup")
RECORD = struct.Struct(f"<IB{DIGEST_BITS // 8}s")
RECORD_BYTES = RECORD.size
UNDECIDED, ORIGINAL, DUPLICATE = 0, 1, 2
_warned: set[str] = set()


class Signature(NamedTuple):
    """What an article's decision partition keeps for the window."""

    seen_at: int
    outcome: int
    digest: bytes

    def similarity(self, other: bytes) -> float:
        """Estimated Jaccard similarity with another article's digest (4 decimals)."""
        return round(similarity(self.digest, other), 4)


def table_key(article_id: str) -> bytes:
    """The table key: the article uuid's 16 bytes."""
    return uuid.UUID(article_id).bytes


def article_of(key: bytes) -> str:
    """The article id of a table key."""
    return str(uuid.UUID(bytes=key))


def pack(sig: Signature) -> bytes:
    """A signature as RECORD_BYTES bytes."""
    return RECORD.pack(sig.seen_at, sig.outcome, sig.digest)


def unpack(stored: bytes | None) -> Signature | None:
    """The stored signature, or None when absent or in another format (logged once)."""
    if not stored:
        return None
    if len(stored) != RECORD_BYTES:
        if "signature" not in _warned:
            _warned.add("signature")
            log.warning("signature of %d bytes is not in the current format; read as absent", len(stored))
        return None
    return Signature(*RECORD.unpack(stored))


def expired(sig: Signature | None, now: float, window_seconds: float) -> bool:
    """True when there is no signature or it is older than the window."""
    return sig is None or now - sig.seen_at > window_seconds
