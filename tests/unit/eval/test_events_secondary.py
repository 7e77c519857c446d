"""Secondary-happening scorer: matching found mentions to gold items, counts and figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from schemas.records import Actor, EventMention
from services.eval.events_secondary import item_matches, load_secondary, match_count, score_secondary
from tests.unit.factories import mention

CORPUS = Path(__file__).resolve().parents[3] / "eval" / "events"


def found(plover: str, source: str | None = None, target: str | None = None, mid: str = "m1") -> EventMention:
    """A mention of one type with at most one source and one target."""
    actors = [Actor(role=role, name=name) for role, name in (("source", source), ("target", target)) if name]
    return mention(mid, plover=plover, actors=actors)


def gold(plover: str, source: str | None = None, target: str | None = None) -> dict[str, Any]:
    """A gold secondary item."""
    return {"type": plover, "source": source, "target": target, "note": "hand-made"}


@pytest.mark.parametrize(
    ("item", "mention_", "expected"),
    [
        pytest.param(gold("ASSAULT", "Kenyan police", "Kenyan opposition"),
                     found("ASSAULT", "Kenyan police", "Kenyan opposition"), True, id="both-actors"),
        pytest.param(gold("ASSAULT", "Kenyan police", "Kenyan opposition"),
                     found("ASSAULT", "Kenyan police", "American military"), True, id="source-only"),
        pytest.param(gold("ASSAULT", "Kenyan police", "Kenyan opposition"),
                     found("ASSAULT", None, "Kenyan opposition"), True, id="target-only"),
        pytest.param(gold("ASSAULT", "Kenyan police", "Kenyan opposition"),
                     found("COERCE", "Kenyan police", "Kenyan opposition"), False, id="other-type"),
        pytest.param(gold("ASSAULT", "Kenyan police", "Kenyan opposition"),
                     found("ASSAULT", "Kenyan officers", "Kenyan legislature"), False, id="no-actor"),
        pytest.param(gold("ACCUSE", "Chad", "Sudan"), found("ACCUSE", "Sudan", "Chad"), False, id="roles-swapped"),
        pytest.param(gold("AGREE", "Turkey", "Iraq"), found("AGREE", "Iraq", "Turkey"), True, id="symmetric-swapped"),
        pytest.param(gold("COERCE", "Syrian Democratic Forces", None),
                     found("COERCE", "syrian  democratic forces"), True, id="folded-case-and-spaces"),
        pytest.param(gold("THREATEN", "Côte d'Ivoire", None), found("THREATEN", "Cote dIvoire"), True, id="accents"),
        pytest.param(gold("RETREAT", "Kenyan judiciary|Kenya", "Kenyan opposition"),
                     found("RETREAT", "Kenya"), True, id="alternative-name"),
        pytest.param(gold("AID", None, None), found("AID", "Red Crescent"), False, id="gold-without-actors"),
        pytest.param(gold("ACCUSE", None, "Uganda"), found("ACCUSE"), False, id="mention-without-actors"),
    ],
)
def test_item_matches(item: dict[str, Any], mention_: EventMention, expected: bool) -> None:
    assert item_matches(item, mention_) is expected


@pytest.mark.parametrize(
    ("items", "mentions", "expected"),
    [
        pytest.param([], [found("ASSAULT", "Kenyan police")], 0, id="no-gold"),
        pytest.param([gold("ASSAULT", "Kenyan police")], [], 0, id="nothing-found"),
        pytest.param([gold("ASSAULT", "Kenyan police")],
                     [found("ASSAULT", "Kenyan police", mid="a"), found("ASSAULT", "Kenyan police", mid="b")], 1,
                     id="gold-item-used-once"),
        pytest.param([gold("ASSAULT", "Kenyan police"), gold("COERCE", "Kenyan police")],
                     [found("COERCE", "Kenyan police", mid="a"), found("ASSAULT", "Kenyan police", mid="b")], 2,
                     id="order-free"),
        pytest.param([gold("ACCUSE", "Chad", "Sudan"), gold("REJECT", "Sudan", "Chad")],
                     [found("ACCUSE", None, "Sudan", mid="a"), found("AID", None, "Chad", mid="b")], 1,
                     id="one-of-two"),
    ],
)
def test_match_count(items: list[dict[str, Any]], mentions: list[EventMention], expected: int) -> None:
    assert match_count(items, mentions) == expected


def test_score_counts_only_labelled_articles() -> None:
    labels = {"a": [gold("ASSAULT", "Kenyan police"), gold("COERCE", "Kenyan police")], "b": []}
    mentions = {"a": [found("ASSAULT", "Kenyan police")], "b": [found("AID", "Red Crescent")],
                "c": [found("ASSAULT", "Kenyan police")]}
    result = score_secondary(labels, mentions, 3)
    assert (result["articles"], result["found"], result["gold"], result["matched"]) == (2, 2, 2, 1)
    assert (result["precision"], result["recall"], result["f1"]) == (0.5, 0.5, 0.5)


def test_score_with_nothing_found_or_labelled() -> None:
    result = score_secondary({"a": []}, {}, 3)
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(("corpus", "articles"), [(CORPUS, 94), (CORPUS.parent / "events-holdout", 44)],
                         ids=["tuning", "held-out"])
def test_corpus_labels_are_well_formed(corpus: Path, articles: int) -> None:
    labels = load_secondary(corpus)
    assert len(labels) == articles
    for items in labels.values():
        for item in items:
            assert set(item) == {"type", "source", "target", "note"}
            assert item["source"] or item["target"]
