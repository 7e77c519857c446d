"""Event-corpus scorer: B-cubed, actor F1, distance, place and count checks, floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.records import Location, Quantity
from services.eval.events import actor_counts, bcubed, counts_right, f1, km, load_corpus, place_ok
from services.eval.events_cli import below, read_floors
from tests.unit.factories import mention

CORPUS = Path(__file__).resolve().parents[3] / "eval" / "events"
GOLD_PLACE = {"name": "Rennes", "admin1": "Brittany", "country": "FR", "lat": 48.11, "lon": -1.68}


@pytest.mark.parametrize(
    ("gold", "found", "expected"),
    [
        pytest.param({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "2"}, (1.0, 1.0, 1.0), id="perfect"),
        pytest.param({"a": "x", "b": "x"}, {"a": "1", "b": "2"}, (1.0, 0.5, 2 / 3), id="split"),
        pytest.param({"a": "x", "b": "y"}, {"a": "1", "b": "1"}, (0.5, 1.0, 2 / 3), id="merged"),
    ],
)
def test_bcubed_on_hand_examples(gold: dict[str, str], found: dict[str, str], expected: tuple[float, ...]) -> None:
    assert bcubed(gold, found) == pytest.approx(expected)


def test_bcubed_textbook_case() -> None:
    gold = {"1": "A", "2": "A", "3": "A", "4": "B", "5": "B"}
    found = {"1": "p", "2": "p", "3": "q", "4": "q", "5": "q"}
    p, r, _ = bcubed(gold, found)
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_actor_counts_roles_aliases_and_symmetry() -> None:
    gold = {"source": ["Islamic State"], "target": ["Syrian Democratic Forces|SDF"]}
    assert actor_counts(gold, [("source", "Islamic State"), ("target", "SDF")], False) == (2, 0, 0)
    assert actor_counts(gold, [("target", "Islamic State"), ("source", "SDF")], False) == (0, 2, 2)
    assert actor_counts(gold, [("target", "Islamic State"), ("source", "SDF")], True) == (2, 0, 0)
    assert actor_counts(gold, [("source", "Islamic State"), ("target", "Tunisia")], False) == (1, 1, 1)
    assert f1(1, 1, 1) == pytest.approx(0.5)
    assert f1(0, 0, 0) == 1.0


def test_distance_and_place() -> None:
    assert km(48.11, -1.68, 48.39, -4.49) == pytest.approx(210, abs=5)
    assert km(0, 0, 0, 0) == 0
    assert place_ok(GOLD_PLACE, mention("m1"))
    far = Location(name="Brest", admin1="Brittany", country="FR", lat=48.39, lon=-4.49)
    assert not place_ok(GOLD_PLACE, mention("m2", location=far))
    assert not place_ok(GOLD_PLACE, None)


def test_counts_need_category_and_range() -> None:
    found = mention("m1", quantities=[Quantity(what="killed", min=6, max=7, reported=[6, 7])])
    gold = [{"what": "killed", "min": 6, "max": 7}, {"what": "injured", "min": 2, "max": 2}]
    assert counts_right(gold, found) == 1
    assert counts_right(gold, None) == 0


def test_floors_are_read_from_the_flat_file(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text('{"extraction_f1": 0.96, "events_type_accuracy": 0.8}')
    assert read_floors(path) == {"type_accuracy": 0.8}
    assert below({"type_accuracy": 0.7, "actor_f1": 0.1}, read_floors(path)) == ["type_accuracy"]


def test_corpus_is_complete_and_clustered() -> None:
    corpus = load_corpus(CORPUS)
    assert len(corpus) >= 60
    assert all(150 <= len(g.text.split()) + len(g.title.split()) <= 500 for g in corpus)
    sizes: dict[str, int] = {}
    for g in corpus:
        sizes[g.cluster] = sizes.get(g.cluster, 0) + 1
    assert all(2 <= n <= 5 for n in sizes.values())
