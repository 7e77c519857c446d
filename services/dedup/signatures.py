"""What the deciding partition keeps per article for the window (table ``dedup-near-signatures``).

Key: the article uuid (16 bytes). Value: ``seen_at`` (uint32 epoch seconds), the outcome (original or
duplicate) and the 1-bit MinHash digest, RECORD_BYTES in all; a duplicate's adds its original's uuid and their
similarity (uint16, in ten-thousandths), COPY_BYTES more. The outcome and original are kept so that a
redelivered article is published as it was decided. A value of another length is read as absent and logged
once.
"""

from __future__ import annotations

import logging
import struct
import uuid
from typing import NamedTuple

from services.dedup.minhash import DIGEST_BITS, similarity

log = logging.getLogger("newsflow.dedup")
RECORD = struct.Struct(f"<IB{DIGEST_BITS // 8}s")
COPY = struct.Struct("<16sH")
RECORD_BYTES, COPY_BYTES = RECORD.size, COPY.size
UNDECIDED, ORIGINAL, DUPLICATE = 0, 1, 2
SCALE = 10_000  # the stored similarity's unit: 1/SCALE
_warned: set[str] = set()


class Signature(NamedTuple):
    """An article's ``seen_at``, outcome, digest and, for a duplicate, its original and their similarity."""

    seen_at: int
    outcome: int
    digest: bytes
    original: str = ""
    similarity_to_original: float = 0.0

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
    """A signature as RECORD_BYTES bytes, and COPY_BYTES more when it names an original."""
    record = RECORD.pack(sig.seen_at, sig.outcome, sig.digest)
    if not sig.original:
        return record
    return record + COPY.pack(uuid.UUID(sig.original).bytes, round(sig.similarity_to_original * SCALE))


def unpack(stored: bytes | None) -> Signature | None:
    """The stored signature, or None when absent or in another format (logged once)."""
    if not stored:
        return None
    if len(stored) not in (RECORD_BYTES, RECORD_BYTES + COPY_BYTES):
        if "signature" not in _warned:
            _warned.add("signature")
            log.warning("signature of %d bytes is not in the current format; read as absent", len(stored))
        return None
    sig = Signature(*RECORD.unpack_from(stored))
    if len(stored) == RECORD_BYTES:
        return sig
    original, scaled = COPY.unpack_from(stored, RECORD_BYTES)
    return sig._replace(original=str(uuid.UUID(bytes=original)), similarity_to_original=scaled / SCALE)


def expired(sig: Signature | None, now: float, window_seconds: float) -> bool:
    """True when there is no signature or it is older than the window."""
    return sig is None or now - sig.seen_at > window_seconds
