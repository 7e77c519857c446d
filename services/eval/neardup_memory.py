"""Measured state cost of dedup per article in the window: serialized table bytes and CPython memory.

Serialized bytes are what the changelog topics and a disk store hold: key plus
value of every table entry (the key counts as the index). In-process bytes are
what the ``memory://`` store costs in CPython (dict slots, bytes objects),
measured with tracemalloc. Two streams are measured: the eval window (generated
stories that share templates, so they share buckets) and the worst case
(unrelated articles: every band entry in a bucket of its own).
"""

from __future__ import annotations

import random
import tracemalloc
import uuid
from collections.abc import Callable

from services.dedup import exact, lsh, signatures
from services.dedup.minhash import band_keys, digest, text_signature
from services.eval.neardup_corpus import Story, base_stories

WINDOW_ARTICLES = 1500
URL_BYTES = 72  # a typical canonical URL


def window_stories(count: int, seed: int = 7) -> list[Story]:
    """``count`` distinct generated stories (a window's worth of articles)."""
    rng, out, seen = random.Random(seed), list[Story](), set[str]()
    while len(out) < count:
        for stories in base_stories(rng).values():
            fresh = [s for s in stories if s.text not in seen]
            seen.update(s.text for s in fresh)
            out += fresh
    return out[:count]


def unrelated_stories(count: int, seed: int = 11) -> list[Story]:
    """``count`` articles of random words from a large vocabulary: no two share a band (the worst case)."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=9)) for _ in range(50_000)]
    return [Story(f"unrelated-{n}", "", (" ".join(rng.choices(vocabulary, k=180)),)) for n in range(count)]


def near_tables(stories: list[Story], window_seconds: float = 7 * 86400.0) -> dict[bytes, bytes]:
    """The LSH bucket table after every story passed through it (one second apart)."""
    buckets: dict[bytes, bytes] = {}
    for n, story in enumerate(stories):
        sig = text_signature(story.text)
        entry = lsh.Entry(str(uuid.UUID(int=n + 1)), 1_700_000_000 + n, digest(sig))
        for band, key in enumerate(band_keys(sig)):
            buckets[key] = lsh.probe(buckets.get(key), entry, entry.seen_at, window_seconds, 0.6, band=band)[1]
    return buckets


def signature_table(stories: list[Story]) -> dict[bytes, bytes]:
    """The signature table: one record per article, as the decision agent writes it."""
    return {signatures.table_key(str(uuid.UUID(int=n + 1))): signatures.pack(signatures.Signature(
        1_700_000_000 + n, signatures.ORIGINAL, digest(text_signature(story.text)))) for n, story in enumerate(stories)}


def exact_tables(count: int) -> dict[bytes, bytes]:
    """The URL and content-hash tables for ``count`` articles, as services/dedup/agents.py writes them."""
    table: dict[bytes, bytes] = {}
    for n in range(count):
        value = exact.pack(exact.SeenEntry(article_id=str(uuid.UUID(int=n + 1)), seen_at=1_700_000_000.0 + n), n % 4)
        table[exact.table_key(f"https://outlet.example/{n:0{URL_BYTES - 23}d}")] = value
        table[exact.table_key(f"{n:064x}")] = value
    return table


def _in_process(build: Callable[[], object], files: tuple[str, ...]) -> int:
    """Bytes CPython holds for what ``build`` returns, allocated in ``files`` (tracemalloc)."""
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    built = build()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    del built
    return sum(stat.size_diff for stat in after.compare_to(before, "filename")
               if stat.traceback[0].filename.endswith(files))


def serialized(table: dict[bytes, bytes] | dict[str, bytes]) -> int:
    """Key plus value bytes over a table."""
    return sum(len(k) + len(v) for k, v in table.items())


def measure_stream(stories: list[Story]) -> dict[str, float]:
    """Bytes per article after ``stories``: LSH buckets, signatures, exact tables and their total."""
    count = len(stories)
    near, sigs, exact_table = near_tables(stories), signature_table(stories), exact_tables(count)
    near_mem = _in_process(lambda: near_tables(stories), ("lsh.py", "neardup_memory.py"))
    sig_mem = _in_process(lambda: signature_table(stories), ("signatures.py", "neardup_memory.py"))
    exact_mem = _in_process(lambda: exact_tables(count), ("exact.py", "neardup_memory.py"))
    per = {"near_serialized": serialized(near) / count, "near_in_process": near_mem / count,
           "signature_serialized": serialized(sigs) / count, "signature_in_process": sig_mem / count,
           "exact_serialized": serialized(exact_table) / count, "exact_in_process": exact_mem / count}
    per["total_serialized"] = per["near_serialized"] + per["signature_serialized"] + per["exact_serialized"]
    per["total_in_process"] = per["near_in_process"] + per["signature_in_process"] + per["exact_in_process"]
    return {"articles": count, "near_keys_per_article": round(len(near) / count, 2),
            **{f"{name}_bytes_per_article": round(value, 1) for name, value in per.items()}}


def measure(count: int = WINDOW_ARTICLES) -> dict[str, dict[str, float]]:
    """Bytes per article on the eval window and in the worst case (no shared bucket)."""
    return {"window": measure_stream(window_stories(count)), "worst": measure_stream(unrelated_stories(count))}
