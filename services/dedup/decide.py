"""The near-duplicate decision for one article, made on the one partition where every article meets.

The article is added to the bucket of each of its bands; the buckets give its *candidates* (other live
articles whose band had the same value and whose sketch agrees, ``lsh.probe``). Each candidate's stored digest
gives the estimated similarity. The article is a ``near`` duplicate of the similar candidate that is an
original, earliest by ``(seen_at, article_id)`` (any similar candidate when none is an original); otherwise it
is an original. Every candidate was decided before it arrived, so there is nothing to wait for: the first of
two copies to reach the deciding partition is the original, however their partitions upstream interleave.

A redelivered article (its signature is stored) is published as it was decided, from its signature: a copy
that arrived after it must not make it a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import NamedTuple

from services.dedup import lsh
from services.dedup.near import NearCheck
from services.dedup.signatures import DUPLICATE, ORIGINAL, Signature, expired, pack, table_key, unpack

Found = tuple[str, int, float]  # (article_id, seen_at, similarity)


class Decision(NamedTuple):
    """The outcome, the original of a duplicate, the article's signature and the buckets to write."""

    duplicate_of: Found | None
    signature: Signature
    buckets: dict[bytes, bytes]

    @property
    def duplicate(self) -> bool:
        """True for a near duplicate."""
        return self.duplicate_of is not None


class Window(NamedTuple):
    """The decision's settings: the dedup window (seconds), the similarity threshold and the bucket cap."""

    seconds: float
    threshold: float
    cap: int = lsh.DEFAULT_CAP


def decide(check: NearCheck, seen_at: int, own: Signature | None, bucket: Callable[[bytes], bytes | None],
           signature: Callable[[str], Signature | None], now: float, window: Window) -> Decision:
    """Decide ``check``'s article, first seen at ``seen_at``, given its stored signature (``own``, a redelivery),
    the buckets and the candidates' signatures (looked up by article id)."""
    article_id = check.article.article_id
    if own is not None and not expired(own, now, window.seconds):
        previous = (own.original, 0, own.similarity_to_original) if own.outcome == DUPLICATE else None
        return Decision(previous, own, {})
    entry = lsh.Entry(article_id, seen_at, check.digest_bytes())
    candidates: list[str] = []
    buckets: dict[bytes, bytes] = {}
    for band, key in enumerate(check.band_bytes()):
        found, buckets[key] = lsh.probe(bucket(key), entry, now, window.seconds, window.threshold, window.cap,
                                        band=band)
        candidates += [c for c in found if c not in candidates]
    similar: list[tuple[bool, int, str, float]] = []
    for candidate in candidates:
        theirs = signature(candidate)
        if theirs is None or expired(theirs, now, window.seconds):
            continue
        score = theirs.similarity(entry.digest)
        if score >= window.threshold:
            similar.append((theirs.outcome != ORIGINAL, theirs.seen_at, candidate, score))
    if not similar:
        return Decision(None, Signature(seen_at, ORIGINAL, entry.digest), buckets)
    _, first_seen, original, score = min(similar)
    return Decision((original, first_seen, score), Signature(seen_at, DUPLICATE, entry.digest, original, score),
                    buckets)


def decide_in(check: NearCheck, seen_at: int, buckets: MutableMapping[bytes, bytes],
              signatures: MutableMapping[bytes, bytes], now: float, window: Window) -> Decision:
    """``decide`` against the deciding partition's bucket and signature tables, writing what it changed (the five
    buckets and the signature of a new article; nothing for a redelivery)."""
    own_key = table_key(check.article.article_id)
    stored = signatures.get(own_key)
    decision = decide(check, seen_at, unpack(stored), buckets.get,
                      lambda other: unpack(signatures.get(table_key(other))), now, window)
    for key, bucket in decision.buckets.items():
        buckets[key] = bucket
    packed = pack(decision.signature)
    if stored != packed:
        signatures[own_key] = packed
    return decision
