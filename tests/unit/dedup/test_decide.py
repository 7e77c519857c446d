"""The near-duplicate decision on the one partition where every article meets (``decide.py``)."""

from __future__ import annotations

import time
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from services.dedup import signatures
from services.dedup.decide import Decision, Window, decide
from services.dedup.minhash import BANDS
from services.dedup.near import check_for
from services.dedup.signatures import DUPLICATE, ORIGINAL, Signature
from tests.unit.factories import article

TEXT = " ".join(f"word{n} in Westhaven said the union on Monday" for n in range(40))
EDITED = TEXT + " Reporting by the Ledger desk; more details later in the day."
OTHER = " ".join(f"token{n} apples and pears" for n in range(60))
A, B, C, D = (str(uuid.UUID(int=n)) for n in (1, 2, 3, 4))
NOW = int(time.time())
WINDOW = Window(7 * 86400.0, 0.6)


class Tables:
    """The deciding partition's two tables as plain dicts, and the step applied as the agent applies it."""

    def __init__(self) -> None:
        self.buckets: dict[bytes, bytes] = {}
        self.signatures: dict[bytes, bytes] = {}

    def signature(self, article_id: str) -> Signature | None:
        return signatures.unpack(self.signatures.get(signatures.table_key(article_id)))

    def arrive(self, article_id: str, text: str, seen_at: int = NOW, now: float = NOW) -> Decision:
        check = check_for(article(article_id, text))
        decision = decide(check, seen_at, self.signature(article_id), self.buckets.get, self.signature, now, WINDOW)
        self.buckets.update(decision.buckets)
        self.signatures[signatures.table_key(article_id)] = signatures.pack(decision.signature)
        return decision


def test_the_first_copy_is_the_original_and_the_second_its_near_duplicate() -> None:
    tables = Tables()
    first, second = tables.arrive(A, TEXT), tables.arrive(B, EDITED, NOW + 5)
    assert first.duplicate_of is None and first.signature.outcome == ORIGINAL and len(first.buckets) == BANDS
    assert second.duplicate_of is not None and second.duplicate_of[:2] == (A, NOW)
    assert 0.6 <= second.duplicate_of[2] < 1.0
    assert (second.signature.outcome, second.signature.original) == (DUPLICATE, A)


def test_an_unrelated_article_is_an_original() -> None:
    tables = Tables()
    tables.arrive(A, TEXT)
    assert tables.arrive(B, OTHER).duplicate_of is None


def test_the_first_to_arrive_wins_whatever_its_seen_at() -> None:
    tables = Tables()
    tables.arrive(A, TEXT, seen_at=NOW + 10)  # seen later upstream, decided first here: published as an original
    late = tables.arrive(B, EDITED, seen_at=NOW)
    assert late.duplicate_of is not None and late.duplicate_of[0] == A


def test_a_redelivery_is_published_as_decided_and_writes_no_bucket() -> None:
    tables = Tables()
    tables.arrive(A, TEXT)
    tables.arrive(B, EDITED)
    again_a, again_b = tables.arrive(A, TEXT), tables.arrive(B, EDITED)
    assert again_a.duplicate_of is None and again_a.buckets == {}, "a later copy never makes the original a copy"
    assert again_b.duplicate_of is not None and again_b.duplicate_of[0] == A and again_b.buckets == {}
    assert again_b.duplicate_of[2] == tables.signature(B).similarity_to_original > 0.6  # type: ignore[union-attr]


def test_an_original_is_preferred_to_an_earlier_duplicate() -> None:
    tables = Tables()
    tables.arrive(A, TEXT, seen_at=NOW + 20)
    tables.arrive(B, TEXT + " Edited.", seen_at=NOW)  # a duplicate of A, though seen earlier
    third = tables.arrive(C, EDITED, seen_at=NOW + 30)
    assert third.duplicate_of is not None and third.duplicate_of[0] == A


def test_candidates_past_the_window_are_ignored() -> None:
    tables = Tables()
    tables.arrive(A, TEXT, seen_at=NOW, now=NOW)
    later = NOW + int(WINDOW.seconds) + 7200
    assert tables.arrive(B, EDITED, seen_at=later, now=later).duplicate_of is None


@settings(max_examples=60, deadline=None)
@given(st.permutations([(A, TEXT), (B, EDITED), (C, TEXT + " A footer."), (D, OTHER)]))
def test_any_arrival_order_gives_one_original_per_story(order: list[tuple[str, str]]) -> None:
    tables = Tables()
    outcomes = {article_id: tables.arrive(article_id, text, NOW + n) for n, (article_id, text) in enumerate(order)}
    copies = [a for a, _ in order if a != D]
    originals = [a for a in copies if outcomes[a].duplicate_of is None]
    assert originals == [copies[0]] and outcomes[D].duplicate_of is None
    assert all(outcomes[a].duplicate_of[0] == copies[0] for a in copies[1:])  # type: ignore[index]
