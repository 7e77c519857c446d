"""Dedup's window rebuilt from Postgres, when its tables' changelogs are gone (a new embedded broker).

Postgres keeps every article the window holds (``articles``: canonical URL, content hash, text) and every
decision (``duplicates``: kind and original). From them, in the order the articles were seen, this module
writes what the agents would have written: the first article per canonical URL and per content hash
(``exact.py``), each near-checked article's signature with its outcome (``signatures.py``) and its entries in
the LSH buckets of its five bands (``lsh.probe``, so caps and order are the agents' own). Pending decisions are
not rebuilt: every stored article was decided, and a redelivered one is decided again against these tables.

Hazard: ``seen_at`` (the near-duplicate order) is not stored; the time the sink stored the article stands for
it, moved after its original's for a duplicate, so a re-polled copy stays the copy and its original the
original. Values are keyed per table and per partition of the topic that owns the key (``sweep.partition_of``).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass

from schemas.records import Article
from services.common.codecs import encode_key
from services.dedup import exact, lsh, signatures
from services.dedup.near import probes
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
    """Every dedup table's values for ``articles`` (the window's articles, originals and duplicates)."""
    rows = list(articles)
    seen = seen_times(rows)
    tables: Tables = {name: {} for name in ("dedup-url-digests", "dedup-hash-digests", "dedup-signatures",
                                            "dedup-lsh64")}

    def put(table: str, owner: bytes, key: bytes, value: bytes, first: bool = False) -> None:
        values = tables[table].setdefault(partition_of(owner, partitions), {})
        if not (first and key in values):
            values[key] = value

    for row in sorted(rows, key=lambda r: (seen[r.article.article_id], r.article.article_id)):
        article, seen_at = row.article, seen[row.article.article_id]
        if row.kind == "url":
            continue
        entry = exact.SeenEntry(article_id=article.article_id, seen_at=float(seen_at))
        owner = encode_key(article.canonical_url)
        put("dedup-url-digests", owner, exact.table_key(article.canonical_url),
            exact.pack(entry, partition_of(owner, partitions)), first=True)
        hash_key = exact.content_key(article)
        if row.kind == "content" or hash_key is None:
            continue
        owner = encode_key(hash_key)
        put("dedup-hash-digests", owner, exact.table_key(hash_key), exact.pack(entry, partition_of(owner, partitions)),
            first=True)
        digest, band_probes = probes(article, seen_at)
        outcome = signatures.DUPLICATE if row.kind == "near" else signatures.ORIGINAL
        sig = signatures.Signature(seen_at, outcome, base64.b64decode(digest))
        put("dedup-signatures", encode_key(article.article_id), signatures.table_key(article.article_id),
            signatures.pack(sig))
        for band_key, probe in band_probes:
            values = tables["dedup-lsh64"].setdefault(partition_of(band_key, partitions), {})
            _, values[band_key] = lsh.probe(values.get(band_key), probe.entry(), seen_at, window_seconds, threshold,
                                            cap, band=probe.band)
    return tables
