"""Dedup's window rebuilt from stored articles and decisions: what the agents would have written."""

import time
import uuid

from services.dedup import exact, lsh, signatures
from services.dedup.decide import Window, decide
from services.dedup.near import BUCKETS, DECIDING_KEY, HASHES, SIGNATURES, URLS, check_for
from services.dedup.rebuild import StoredArticle, rebuild, seen_times
from services.dedup.sweep import partition_of
from tests.unit.factories import article

WINDOW = 7 * 86400.0
STORY = ("Farmers from across Brittany blocked the ring road around Rennes on Tuesday with more than 300 tractors, "
         "demanding higher milk prices and an end to new rules on pesticide use, the regional union said. ")
A, B, C, D = (str(uuid.uuid5(uuid.NAMESPACE_URL, n)) for n in "abcd")
NOW = int(time.time())


def _window() -> list[StoredArticle]:
    original = article(A, STORY * 2)
    copy = article(B, STORY * 2 + "Reporting by the Ledger desk.")  # a near copy, stored first
    same_url = article(C, "Another text entirely " * 10, canonical_url=original.canonical_url)
    short = article(D, "Too short to compare.")
    return [StoredArticle(copy, NOW - 50, "near", A), StoredArticle(original, NOW - 40),
            StoredArticle(same_url, NOW - 30, "url", A), StoredArticle(short, NOW - 20)]


def _values(tables: dict[str, dict[int, dict[bytes, bytes]]], name: str) -> dict[bytes, bytes]:
    return {k: v for part in tables[name].values() for k, v in part.items()}


def test_a_duplicate_is_seen_after_its_original() -> None:
    seen = seen_times(_window())
    assert seen[B] == seen[A] + 1 == NOW - 39


def test_exact_tables_hold_the_first_article_per_url_and_hash() -> None:
    tables = rebuild(_window(), 4, WINDOW, 0.6, 64)
    urls = _values(tables, URLS)
    first = exact.unpack(urls[exact.table_key(f"https://ledger.example/{A}")])
    assert first is not None and first[0]["article_id"] == A  # not C, its URL duplicate
    assert len(urls) == 3 and len(_values(tables, HASHES)) == 2  # D is too short for content


def test_signatures_carry_the_outcome_and_buckets_find_the_original_again() -> None:
    tables = rebuild(_window(), 4, WINDOW, 0.6, 64)
    sigs = {signatures.article_of(k): signatures.unpack(v) for k, v in _values(tables, SIGNATURES).items()}
    assert {k: s.outcome for k, s in sigs.items() if s} == {A: signatures.ORIGINAL, B: signatures.DUPLICATE}
    assert sigs[B] is not None and sigs[B].original == A and sigs[B].similarity_to_original > 0.6
    owner = partition_of(DECIDING_KEY, 4)
    assert set(tables[SIGNATURES]) == set(tables[BUCKETS]) == {owner}, "both on the deciding partition"
    copy = article(str(uuid.uuid4()), STORY * 2 + "Reporting by the Ledger desk.")
    stored = _values(tables, SIGNATURES)
    decision = decide(check_for(copy), NOW, None, _values(tables, BUCKETS).get,
                      lambda other: signatures.unpack(stored.get(signatures.table_key(other))),
                      NOW, Window(WINDOW, 0.6))
    assert decision.duplicate_of is not None and decision.duplicate_of[0] == A, "a re-polled copy meets its original"
    assert all(lsh.unpack(v) for v in _values(tables, BUCKETS).values())
