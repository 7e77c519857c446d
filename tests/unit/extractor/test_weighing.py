"""The weighing pass: rules in a visible order, each returning revised copies of frozen candidates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from services.extractor.candidates import Candidate
from services.extractor.weighing import BACKGROUND_FACTOR, RULES, discount_comments, pair_halves, weigh


def fake(kind: str, source: str | None, target: str | None, day: dt.date | None = None, start: int = 0) -> Any:
    """A candidate with only what the weighing rules read."""
    def actor(name: str | None) -> Any:
        return None if name is None else SimpleNamespace(name=name)
    clause = SimpleNamespace(object_range=None, sentence=SimpleNamespace(start=start, paragraph=1), reported=False,
                             verb_start=start)
    date = None if day is None else SimpleNamespace(date=day, precision="day")
    return Candidate(clause, SimpleNamespace(code="190", block=""), SimpleNamespace(plover=kind),  # type: ignore[arg-type]
                     actor(source), actor(target), ["src"] if source else [], ["tgt"] if target else [],
                     date=date, weight=2.0)


def test_candidates_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        fake("ASSAULT", "Army", None).weight = 1.0  # type: ignore[misc]


def test_the_rules_run_in_their_stated_order() -> None:
    assert RULES[0] is discount_comments and RULES[-1] is pair_halves


def test_one_sentences_halves_make_a_dyad() -> None:
    doer, victim = fake("ASSAULT", "Daesh", None), fake("ASSAULT", None, "SDF")
    paired = pair_halves([doer, victim])
    assert [(c.source.name, c.target.name) for c in paired] == [("Daesh", "SDF"), ("Daesh", "SDF")]
    assert doer.target is None and victim.source is None  # the inputs are untouched


def test_background_weighs_less_and_the_input_list_is_kept() -> None:
    old = fake("ASSAULT", "Army", "Rebels", day=dt.date(2023, 1, 5))
    candidates = [old]
    [weighed] = weigh(candidates, dt.date(2025, 4, 11))
    assert weighed.background and weighed.weight == pytest.approx(2.0 * BACKGROUND_FACTOR)
    assert candidates == [old] and not old.background
