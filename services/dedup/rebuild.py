"""Dedup's window rebuilt from Postgres, when its tables' changelogs are gone (a new embedded broker).

Postgres keeps every article the window holds (``articles``: canonical URL, content hash, text) and every
decision (``duplicates``: kind and original). From them, in the order the articles were seen, this module
writes what the agents would have written: the first article per canonical URL and per content hash
(``exact.py``), each near-checked article's signature with its outcome and original (``signatures.py``) and its
entries in the LSH buckets of its five bands (``lsh.probe``, so caps and order are the agents' own).

Hazard: ``seen_at`` (the near-duplicate order) is not stored; the time the sink stored the article stands for
it, moved after its original's for a duplicate, so a re-polled copy stays the copy and its original the
original. Every table lives on the deciding partition (``near.DECIDING_KEY``'s).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from schemas.records import Article
from services.dedup import exact, lsh, signatures
from services.dedup.minhash import similarity
from services.dedup.near import BUCKETS, DECIDING_KEY, HASHES, SIGNATURES, URLS, check_for
from services.dedup.sweep import partition_of

Tables = dict[str, dict[int, dict[bytes, bytes]]]  # table name -> partition -> key -> value


@dataclass(frozen=True)
class StoredArticle:
    """An article of the window, when it was stored, and the decision made on it (None: an original)."""

    article: Article
    stored_at: int
    kind: str | None = None
    duplicate_of: str | None = None


def seen_times(articles: Iterable[StoredArticle]) -> dict[str, int]:
    """``seen_at`` per article: when it was stored, after its original's for a duplicate."""
    by_id = {a.article.article_id: a for a in articles}
    seen: dict[str, int] = {}

    def of(article_id: str, depth: int = 0) -> int:
        if article_id not in seen:
            row = by_id[article_id]
            own = row.stored_at
            if row.duplicate_of in by_id and depth < 32:
                own = max(own, of(row.duplicate_of, depth + 1) + 1)
            seen[article_id] = own
        return seen[article_id]

    for article_id in by_id:
        of(article_id)
    return seen


def rebuild(articles: Iterable[StoredArticle], partitions: int, window_seconds: float, threshold: float,
            cap: int) -> Tables:
    """Every dedup table's values for ``articles`` (the window's articles, originals and duplicates), all on the
    deciding partition."""
    rows = list(articles)
    seen = seen_times(rows)
    owner = partition_of(DECIDING_KEY, partitions)
    tables: Tables = {name: {owner: {}} for name in (URLS, HASHES, SIGNATURES, BUCKETS)}
    urls, hashes = tables[URLS][owner], tables[HASHES][owner]
    sigs, buckets = tables[SIGNATURES][owner], tables[BUCKETS][owner]
    digests: dict[str, bytes] = {}
    for row in sorted(rows, key=lambda r: (seen[r.article.article_id], r.article.article_id)):
        article, seen_at = row.article, seen[row.article.article_id]
        if row.kind == "url":
            continue
        entry = exact.pack(exact.SeenEntry(article_id=article.article_id, seen_at=float(seen_at)), owner)
        urls.setdefault(exact.table_key(article.canonical_url), entry)
        hash_key = exact.content_key(article)
        if row.kind == "content" or hash_key is None:
            continue
        hashes.setdefault(exact.table_key(hash_key), entry)
        check = check_for(article)
        digests[article.article_id] = check.digest_bytes()
        sigs[signatures.table_key(article.article_id)] = signatures.pack(_signature(row, seen_at, digests))
        for band, key in enumerate(check.band_bytes()):
            _, buckets[key] = lsh.probe(buckets.get(key), lsh.Entry(article.article_id, seen_at, check.digest_bytes()),
                                        seen_at, window_seconds, threshold, cap, band=band)
    return tables


def _signature(row: StoredArticle, seen_at: int, digests: dict[str, bytes]) -> signatures.Signature:
    """The stored decision as a signature: a near duplicate names its original and their similarity."""
    own = digests[row.article.article_id]
    if row.kind != "near" or not row.duplicate_of:
        return signatures.Signature(seen_at, signatures.ORIGINAL, own)
    theirs = digests.get(row.duplicate_of)
    score = round(similarity(own, theirs), 4) if theirs else 0.0
    return signatures.Signature(seen_at, signatures.DUPLICATE, own, row.duplicate_of, score)
