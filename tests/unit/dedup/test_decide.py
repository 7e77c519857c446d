"""The near-duplicate decision protocol over several decision partitions, simulated with plain dicts."""

import base64
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from services.dedup.decide import Action, step
from services.dedup.minhash import BANDS, digest, text_signature
from services.dedup.near import NearVote, Pending, read_pending
from services.dedup.signatures import DUPLICATE, ORIGINAL, Signature
from tests.unit.factories import article

TEXT = " ".join(f"word{n} in Westhaven said the union on Monday" for n in range(40))
OTHER = " ".join(f"token{n} apples and pears" for n in range(60))
A, B, C = (str(uuid.UUID(int=n)) for n in (1, 2, 3))


class Partitions:
    """Every article's pending state and signature; messages delivered one at a time, in the order given."""

    def __init__(self) -> None:
        self.pending: dict[str, Pending] = {}
        self.signatures: dict[str, Signature | None] = {}
        self.outbox: list[Action] = []
        self.outcomes: dict[str, tuple[str, str | None]] = {}

    def deliver(self, vote: NearVote) -> list[Action]:
        key = vote.article_id
        state, own, actions = step(self.pending.get(key, Pending()), vote, self.signatures.get(key), 0.6)
        self.pending[key], self.signatures[key] = state, own
        for action in actions:
            if action.kind in ("original", "duplicate"):
                self.outcomes[action.to] = (action.kind, action.original[0] if action.original else None)
            else:
                self.outbox.append(action)
        return actions

    def flush(self) -> None:
        while self.outbox:
            action = self.outbox.pop(0)
            assert isinstance(action.message, NearVote)
            self.deliver(action.message)


def arrive(article_id: str, seen_at: int, text: str = TEXT) -> NearVote:
    encoded = base64.b64encode(digest(text_signature(text))).decode()
    return NearVote(article_id=article_id, article=article(article_id, text=text), seen_at=seen_at, digest=encoded)


def votes(article_id: str, *candidates: str) -> list[NearVote]:
    return [NearVote(article_id=article_id, band=b, candidates=list(candidates) if b == 0 else [])
            for b in range(BANDS)]


def test_a_later_copy_is_the_duplicate_of_the_earlier_one():
    net = Partitions()
    for vote in [arrive(A, 100), *votes(A), arrive(B, 101), *votes(B, A)]:
        net.deliver(vote)
    net.flush()
    assert net.outcomes == {A: ("original", None), B: ("duplicate", A)}
    assert net.signatures[A].outcome == ORIGINAL and net.signatures[B].outcome == DUPLICATE


def test_a_candidate_that_is_not_similar_changes_nothing():
    net = Partitions()
    for vote in [arrive(A, 100, OTHER), *votes(A), arrive(B, 101), *votes(B, A)]:
        net.deliver(vote)
    net.flush()
    assert net.outcomes == {A: ("original", None), B: ("original", None)}


def test_race_already_published_later_copy_refuses_the_claim():
    """B's probes reached every shared bucket first and B was published; A (earlier) finds B only afterwards."""
    net = Partitions()
    for vote in [arrive(B, 100), *votes(B)]:
        net.deliver(vote)
    for vote in [arrive(A, 99), *votes(A, B)]:
        net.deliver(vote)
    net.flush()
    assert net.outcomes == {B: ("original", None), A: ("duplicate", B)}


def test_claim_before_the_decision_makes_the_claimed_later_copy_the_duplicate():
    net = Partitions()
    net.deliver(arrive(B, 100))  # B is in, its votes are not
    for vote in [arrive(A, 99), *votes(A, B)]:
        net.deliver(vote)
    net.flush()  # A's inquiry reaches B: B yields
    for vote in votes(B, A):
        net.deliver(vote)
    net.flush()
    assert net.outcomes == {A: ("original", None), B: ("duplicate", A)}


def test_an_inquiry_before_the_article_is_asked_back():
    """A's inquiry reaches B's partition before B's own message: B answers 0, then inquires A itself."""
    net = Partitions()
    for vote in [arrive(A, 100), *votes(A, B)]:
        net.deliver(vote)
    net.flush()
    assert net.outcomes == {A: ("original", None)}
    for vote in [arrive(B, 101), *votes(B)]:
        net.deliver(vote)
    net.flush()
    assert net.outcomes == {A: ("original", None), B: ("duplicate", A)}


def test_three_copies_end_with_one_original():
    net = Partitions()
    for vote in [arrive(A, 100), arrive(B, 101), arrive(C, 102), *votes(C, A, B), *votes(B, A), *votes(A)]:
        net.deliver(vote)
    net.flush()
    assert net.outcomes == {A: ("original", None), B: ("duplicate", A), C: ("duplicate", A)}


def test_redelivered_messages_give_the_same_outcome_again():
    net = Partitions()
    for vote in [arrive(A, 100), *votes(A), arrive(B, 101), *votes(B, A)]:
        net.deliver(vote)
    net.flush()
    again = net.deliver(arrive(B, 101))
    assert [(x.kind, x.original[0]) for x in again] == [("duplicate", A)]
    assert net.deliver(votes(B, A)[0]) == []  # a decided article ignores votes


def test_previous_format_state_and_claim_are_still_read():
    old = (b'{"votes": {"0": [["' + A.encode() + b'", 99, 0.8]]}, "later": {}, "refusals": [], '
           b'"seen_at": 100, "first_seen": 5.0}')
    state = read_pending(old)
    assert state is not None and state.upgraded().bands == {0: [A]}
    assert read_pending(b'{"votes": "nonsense"}') is None and read_pending(None) is None
    claim = NearVote(article_id=B, claim_by=(A, 99, 0.9))
    _, _, actions = step(Pending(), claim, Signature(100, ORIGINAL, bytes(32)), 0.6)
    assert actions[0].message.reply_from == (B, 99, 0.9) and actions[0].message.refused


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(2, 3), st.permutations([100, 101, 102]))
def test_any_delivery_order_gives_exactly_one_original(rnd, copies, times):
    """Copies sharing one band: probes, votes, inquiries and answers delivered in any causal order."""
    ids = [A, B, C][:copies]
    seen = dict(zip(ids, times, strict=False))
    net, bucket = Partitions(), list[str]()
    inflight: list[tuple[str, object]] = [("near", arrive(i, seen[i])) for i in ids]
    inflight += [("band", (i, b)) for i in ids for b in range(BANDS)]
    while inflight:
        kind, message = inflight.pop(rnd.randrange(len(inflight)))
        if kind == "band":
            article_id, band = message  # type: ignore[misc]
            candidates = [other for other in bucket if other != article_id] if band == 0 else []
            if band == 0 and article_id not in bucket:
                bucket.append(article_id)
            message = NearVote(article_id=article_id, band=band, candidates=candidates)
        assert isinstance(message, NearVote)
        net.deliver(message)
        inflight += [("near", action.message) for action in net.outbox]
        net.outbox.clear()
    originals = [i for i, (kind, _) in net.outcomes.items() if kind == "original"]
    assert sorted(net.outcomes) == sorted(ids) and len(originals) == 1
    assert all(of in ids for kind, of in net.outcomes.values() if kind == "duplicate")
