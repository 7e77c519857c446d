"""The message that asks for a dedup decision, and where every decision is made.

The route agent sends each article once to news.dedup-near with, for a text long enough to compare, its 1-bit
MinHash digest and LSH band keys, computed there, where the shingling and hashing spread over every partition.
Every message has one key, DECIDING_KEY, so every article meets every other on one partition, which holds the
window's exact tables (canonical URL, content hash), LSH buckets (table BUCKETS, key = band key) and signatures
(table SIGNATURES, key = article uuid) and decides each article as it arrives (``agents.py``, ``decide.py``).

Hazard (one deciding partition): the decision is a few table reads, at most eight table writes and one send
(well under a millisecond); the worker that owns the deciding partition makes all of them. One key keeps the
state at its 300-byte budget per article: table keys need no prefix naming their partition, and the sweep
knows every key's owner. A deployment deciding more articles than one worker can would split the key by a
prefix of the first band key, at the price of copies that share no band in that prefix.
"""

from __future__ import annotations

import base64

from pydantic import BaseModel, Field

from schemas.records import Article
from services.dedup.exact import content_key
from services.dedup.minhash import band_keys, digest, text_signature

DECIDING_KEY = b"near"  # the key of every news.dedup-near message
URLS, HASHES = "dedup-urls-seen", "dedup-hashes-seen"  # the deciding partition's tables: exact checks
BUCKETS, SIGNATURES = "dedup-near-buckets", "dedup-near-signatures"  # and the near check


class NearCheck(BaseModel):
    """An article to decide (internal record on news.dedup-near, key = DECIDING_KEY)."""

    article: Article
    digest: str | None = Field(None, description="base64 of the 1-bit MinHash digest; None: too short to compare")
    bands: list[str] = Field(default_factory=list, description="hex of the LSH band keys, in band order")

    def digest_bytes(self) -> bytes:
        """The digest as bytes (empty when the text is too short to compare)."""
        return base64.b64decode(self.digest or "")

    def band_bytes(self) -> list[bytes]:
        """The band keys as bytes."""
        return [bytes.fromhex(band) for band in self.bands]


def check_for(article: Article) -> NearCheck:
    """The article's decision request: with its digest and band keys when its text is long enough to compare."""
    if content_key(article) is None:
        return NearCheck(article=article)
    sig = text_signature(article.text)
    return NearCheck(article=article, digest=base64.b64encode(digest(sig)).decode(),
                     bands=[key.hex() for key in band_keys(sig)])
