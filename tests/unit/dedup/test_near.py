import random
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.dedup import lsh, signatures
from services.dedup.minhash import BANDS, digest, jaccard, similarity, text_signature
from services.dedup.sweep import SweepClock, partition_of, sweep_partition

TEXT = " ".join(f"word{n} in Westhaven said the union on Monday" for n in range(40))
OTHER = " ".join(f"token{n} apples and pears" for n in range(60))
A, B = str(uuid.UUID(int=1)), str(uuid.UUID(int=2))
HOUR = 3600


def entry(article_id: str, seen_at: int, text: str = TEXT) -> lsh.Entry:
    return lsh.Entry(article_id, seen_at, digest(text_signature(text)))


def test_identical_texts_have_similarity_one_and_unrelated_texts_low():
    assert similarity(entry(A, 1).digest, entry(B, 1).digest) == 1.0
    assert similarity(entry(A, 1).digest, entry(B, 1, OTHER).digest) < 0.3
    assert jaccard(TEXT, OTHER) < 0.05


@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=20), st.integers(0, 2**16 - 1),
       st.binary(min_size=lsh.SKETCH_BYTES, max_size=lsh.SKETCH_BYTES))
def test_bucket_pack_round_trips(ids, hour, sketch):
    entries = [lsh.Stored(str(uuid.UUID(int=i + 1)), hour, sketch) for i in sorted(set(ids))]
    packed = b"".join(lsh.pack(e) for e in entries)
    assert lsh.unpack(packed) == entries and len(packed) == len(entries) * lsh.ENTRY_BYTES == len(entries) * 26


def test_a_bucket_in_another_format_reads_as_empty():
    assert lsh.unpack(b"x" * 44) == []  # two entries of the former 22-byte format


def test_probe_returns_candidates_and_is_idempotent():
    _, bucket = lsh.probe(None, entry(A, 100 * HOUR), 100 * HOUR, 1000 * HOUR, 0.6, band=2)
    candidates, bucket2 = lsh.probe(bucket, entry(B, 100 * HOUR + 1), 100 * HOUR, 1000 * HOUR, 0.6, band=2)
    assert candidates == [A]
    assert lsh.probe(bucket2, entry(B, 100 * HOUR + 1), 100 * HOUR, 1000 * HOUR, 0.6, band=2) == ([A], bucket2)
    assert lsh.probe(bucket2, entry(A, 100 * HOUR), 101 * HOUR, 1000 * HOUR, 0.6, band=2)[0] == [B]


def test_sketch_prefilter_drops_unrelated_articles_and_keeps_copies():
    assert lsh.min_agreement(0.6) == 48 and lsh.min_agreement(0.6, bits=32) == 23
    unrelated = entry(B, 100 * HOUR, OTHER)
    kept = 0
    for band in range(BANDS):
        _, bucket = lsh.probe(None, entry(A, 100 * HOUR), 100 * HOUR, 1000 * HOUR, 0.6, band=band)
        kept += bool(lsh.probe(bucket, unrelated, 100 * HOUR, 1000 * HOUR, 0.6, band=band)[0])
        assert lsh.probe(bucket, entry(B, 100 * HOUR), 100 * HOUR, 1000 * HOUR, 0.6, band=band)[0] == [A]
    assert kept <= 1


def test_window_eviction_to_the_hour_and_across_the_hour_counter_wrap():
    start = (2**16 - 2) * HOUR  # the stored hour wraps to 0 two hours later
    _, bucket = lsh.probe(None, entry(A, start), start, 10 * HOUR, 0.6)
    assert lsh.evict(bucket, start + 10 * HOUR, 10 * HOUR) == bucket
    assert lsh.evict(bucket, start + 11 * HOUR, 10 * HOUR) is None
    assert lsh.probe(bucket, entry(B, start + 12 * HOUR), start + 12 * HOUR, 10 * HOUR, 0.6)[0] == []


def test_bucket_cap_keeps_newest():
    bucket = None
    for n in range(5):
        t = (100 + n) * HOUR
        _, bucket = lsh.probe(bucket, entry(str(uuid.UUID(int=n + 1)), t), t, 1000 * HOUR, 0.6, cap=3)
    assert [e.hour for e in lsh.unpack(bucket)] == [102, 103, 104]


def test_signature_round_trip_and_other_formats():
    sig = signatures.Signature(1_700_000_000, signatures.ORIGINAL, entry(A, 1).digest)
    assert signatures.unpack(signatures.pack(sig)) == sig and len(signatures.pack(sig)) == 37
    copy = signatures.Signature(1_700_000_001, signatures.DUPLICATE, entry(B, 1).digest, A, 0.8125)
    assert signatures.unpack(signatures.pack(copy)) == copy and len(signatures.pack(copy)) == 55
    assert signatures.unpack(b"x" * 52) is None and signatures.unpack(None) is None
    assert signatures.article_of(signatures.table_key(A)) == A
    assert signatures.expired(sig, 1_700_000_000 + 11, 10) and not signatures.expired(sig, 1_700_000_010, 10)


def test_sweep_clock_and_partitioner():
    clock = SweepClock(10)
    assert not clock.due(0, 0) and not clock.due(0, 5) and clock.due(0, 10)
    assert partition_of(b"a", 4) == partition_of(b"a", 4) in range(4)


def test_sweep_touches_only_the_owned_partition():
    table = {b"k1": b"old-1", b"k2": b"old-2", b"k3": b"new-1"}
    owners = {b"k1": 1, b"k2": 2, b"k3": 1}
    changed = sweep_partition(table, 1, lambda key, _value: owners[key],
                              lambda value: None if value.startswith(b"old") else value)
    assert changed == 1 and table == {b"k2": b"old-2", b"k3": b"new-1"}


def _reference_probe(bucket: bytes | None, entry: lsh.Entry, now: float, window: float, threshold: float,
                     cap: int, band: int) -> tuple[list[str], bytes]:
    """``lsh.probe`` written entry by entry: the specification the vectorised version must match."""
    entries, own = lsh.live(lsh.unpack(bucket), now, window), lsh.sketch(entry.digest, band)
    need = lsh.min_agreement(threshold)
    scored = [(lsh.agreement(e.sketch, own), e.article_id) for e in entries if e.article_id != entry.article_id]
    passing = [(score, article) for score, article in scored if score >= need]
    found = [article for _, article in sorted(passing, key=lambda pair: -pair[0])[:lsh.MAX_CANDIDATES]]
    if all(e.article_id != entry.article_id for e in entries):
        entries.append(lsh.Stored(entry.article_id, lsh.hour_of(entry.seen_at), own))
    entries = sorted(entries, key=lambda e: -lsh.age_hours(e.hour, now))[-cap:]
    return found, b"".join(lsh.pack(e) for e in entries)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vectorised_probe_matches_the_entry_by_entry_specification(seed: int) -> None:
    rng = random.Random(seed)
    ids = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(40)]
    ours = theirs = None
    for step in range(400):
        digest = rng.randbytes(lsh.DIGEST_BYTES)
        seen = HOUR * (1000 + step // 7) + rng.randrange(HOUR)
        args = (lsh.Entry(rng.choice(ids), seen, digest), seen + rng.randrange(2 * HOUR),
                rng.choice([5 * HOUR, 400 * HOUR]), rng.choice([0.0, 0.6, 0.8]), rng.choice([8, 64]), rng.randrange(5))
        got, want = lsh.probe(ours, *args), _reference_probe(theirs, *args)
        assert got == want, step
        ours, theirs = got[1], want[1]
