"""The message that asks for a near-duplicate decision, and where every decision is made.

The content check sends each new article once to news.dedup-near with its 1-bit MinHash digest and its LSH
band keys, computed there, where the shingling and hashing spread over every partition. Every message has one
key, DECIDING_KEY, so every article meets every other on one partition, which holds the LSH buckets
(table BUCKETS, key = band key) and the signatures (table SIGNATURES, key = article uuid) of the window and
decides each article as it arrives (``decide.py``).

Hazard (one deciding partition): the decision is a few table reads, five bucket rewrites and one signature
write (about 0.2 ms); the worker that owns the deciding partition makes all of them. One key keeps the state
at its 300-byte budget per article: table keys need no prefix naming their partition, and the sweep knows
every key's owner. A deployment deciding more articles than one worker can would split the key by a prefix
of the first band key, at the price of copies that share no band in that prefix.
"""

from __future__ import annotations

import base64

from pydantic import BaseModel, Field

from schemas.records import Article
from services.dedup.minhash import band_keys, digest, text_signature

DECIDING_KEY = b"near"  # the key of every news.dedup-near message
BUCKETS, SIGNATURES = "dedup-near-buckets", "dedup-near-signatures"  # the deciding partition's tables


class NearCheck(BaseModel):
    """An article to decide (internal record on news.dedup-near, key = DECIDING_KEY)."""

    article: Article
    seen_at: int = Field(description="epoch seconds it first passed the content check: the near-duplicate order")
    digest: str = Field(description="base64 of the 1-bit MinHash digest")
    bands: list[str] = Field(description="hex of the LSH band keys, in band order")

    def digest_bytes(self) -> bytes:
        """The digest as bytes."""
        return base64.b64decode(self.digest)

    def band_bytes(self) -> list[bytes]:
        """The band keys as bytes."""
        return [bytes.fromhex(band) for band in self.bands]


def check_for(article: Article, seen_at: int) -> NearCheck:
    """The article's decision request: its digest and band keys."""
    sig = text_signature(article.text)
    return NearCheck(article=article, seen_at=seen_at, digest=base64.b64encode(digest(sig)).decode(),
                     bands=[key.hex() for key in band_keys(sig)])
