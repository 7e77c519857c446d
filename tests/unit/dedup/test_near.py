import uuid

from hypothesis import given
from hypothesis import strategies as st

from services.dedup import lsh
from services.dedup.decide import step
from services.dedup.minhash import BANDS, digest, jaccard, similarity, text_signature
from services.dedup.near import NearVote, Pending
from services.dedup.sweep import SweepClock, partition_of, sweep_partition
from tests.unit.factories import article

TEXT = " ".join(f"word{n} in Westhaven said the union on Monday" for n in range(40))
A, B = str(uuid.UUID(int=1)), str(uuid.UUID(int=2))


def entry(article_id: str, seen_at: int, text: str = TEXT) -> lsh.Entry:
    return lsh.Entry(article_id, seen_at, digest(text_signature(text)))


def test_identical_texts_have_similarity_one_and_unrelated_texts_low():
    other = " ".join(f"token{n} apples and pears" for n in range(60))
    assert similarity(entry(A, 1).digest, entry(B, 1).digest) == 1.0
    assert similarity(entry(A, 1).digest, entry(B, 1, other).digest) < 0.3
    assert jaccard(TEXT, other) < 0.05


@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=20), st.integers(1, 2**31))
def test_bucket_pack_round_trips(ids, seen_at):
    entries = [lsh.Entry(str(uuid.UUID(int=i + 1)), seen_at, bytes(lsh.DIGEST_BYTES)) for i in sorted(set(ids))]
    packed = b"".join(lsh.pack(e) for e in entries)
    assert lsh.unpack(packed) == entries and len(packed) == len(entries) * lsh.ENTRY_BYTES


def test_probe_finds_only_earlier_copies_and_is_idempotent():
    _, bucket = lsh.probe(None, entry(A, 100), 100, 1000, 0.6)
    earlier, later, bucket2 = lsh.probe_all(bucket, entry(B, 101), 101, 1000, 0.6)
    assert [m.article_id for m in earlier] == [A] and later == []
    assert lsh.probe_all(bucket2, entry(B, 101), 101, 1000, 0.6)[2] == bucket2  # redelivery adds nothing
    assert [m.article_id for m in lsh.probe_all(bucket2, entry(A, 100), 102, 1000, 0.6)[1]] == [B]


def test_window_eviction():
    _, bucket = lsh.probe(None, entry(A, 100), 100, 1000, 0.6)
    assert lsh.evict(bucket, 1100, 1000) == bucket
    assert lsh.evict(bucket, 1101, 1000) is None
    assert lsh.probe(bucket, entry(B, 1200), 1200, 1000, 0.6)[0] == []


def test_bucket_cap_keeps_newest():
    bucket = None
    for n in range(5):
        _, bucket = lsh.probe(bucket, entry(str(uuid.UUID(int=n + 1)), 100 + n), 100 + n, 1000, 0.6, cap=3)
    assert [e.seen_at for e in lsh.unpack(bucket)] == [102, 103, 104]


def test_sweep_clock_and_partitioner():
    clock = SweepClock(10)
    assert not clock.due(0, 0) and not clock.due(0, 5) and clock.due(0, 10)
    assert partition_of(b"a", 4) == partition_of(b"a", 4) in range(4)


def votes(article_id, matches=(), later=()):
    return [NearVote(article_id=article_id, band=b, matches=list(matches), later=list(later)) for b in range(BANDS)]


def run(state, messages):
    actions = []
    for message in messages:
        state, done = step(state, message)
        actions += done
    return state, actions


def test_race_gives_one_original_and_one_duplicate():
    """B's probes reached every shared bucket first: B saw nothing, A (earlier) saw B only as later."""
    b_state, b_actions = run(Pending(), [NearVote(article_id=B, article=article(B), seen_at=100), *votes(B)])
    a_state, a_actions = run(Pending(), [NearVote(article_id=A, article=article(A), seen_at=100),
                                         *votes(A, later=[(B, 100, 0.9)])])
    assert [x.kind for x in b_actions] == ["original"] and [(x.kind, x.to) for x in a_actions] == [("claim", B)]
    b_state, replies = run(b_state, [a_actions[0].message])
    assert replies[0].message.refused  # B was already published
    _, outcome = run(a_state, [replies[0].message])
    assert [(x.kind, x.original[0]) for x in outcome] == [("duplicate", B)]


def test_claim_before_decision_makes_the_claimed_copy_the_duplicate():
    a_state, a_actions = run(Pending(), [NearVote(article_id=A, article=article(A), seen_at=100),
                                         *votes(A, later=[(B, 100, 0.9)])])
    b_state, replies = run(Pending(), [a_actions[0].message])
    assert not replies[0].message.refused
    _, b_actions = run(b_state, [NearVote(article_id=B, article=article(B), seen_at=100), *votes(B)])
    _, a_outcome = run(a_state, [replies[0].message])
    assert [(x.kind, x.original[0]) for x in b_actions] == [("duplicate", A)]
    assert [x.kind for x in a_outcome] == ["original"]


def test_redelivered_article_gets_the_same_outcome_again():
    state, first = run(Pending(), [NearVote(article_id=B, article=article(B), seen_at=100),
                                   *votes(B, matches=[(A, 99, 0.8)])])
    _, again = run(state, [NearVote(article_id=B, article=article(B), seen_at=100)])
    expected = [("duplicate", (A, 99, 0.8))]
    assert [(x.kind, x.original) for x in first] == [(x.kind, x.original) for x in again] == expected


def test_sweep_touches_only_the_owned_partition():
    table = {b"k1": b"old-1", b"k2": b"old-2", b"k3": b"new-1"}
    owners = {b"k1": 1, b"k2": 2, b"k3": 1}
    changed = sweep_partition(table, 1, lambda key, _value: owners[key],
                              lambda value: None if value.startswith(b"old") else value)
    assert changed == 1 and table == {b"k2": b"old-2", b"k3": b"new-1"}
