"""The benchmark's scoring recipe: 4-gram shingles, per-page P/R with its exclusions, macro F1."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from services.eval.extraction import load_reference, page_precision_recall, score, shingles

TRUE = "The harbour board met on Tuesday and voted to rebuild the north pier before winter storms."
EXTRA = " Subscribe to our newsletter for more harbour news every morning."


def test_shingles_are_counted_four_tokens_at_a_time() -> None:
    counts = shingles("a b c d a b c d")
    assert counts[("a", "b", "c", "d")] == 2
    assert sum(counts.values()) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", 0, id="empty"),
        pytest.param("Quay closed", 1, id="shorter-than-a-shingle-is-one"),
        pytest.param("— … —", 0, id="no-word-characters"),
    ],
)
def test_short_texts(text: str, expected: int) -> None:
    assert sum(shingles(text).values()) == expected


@pytest.mark.parametrize(
    ("predicted", "precision", "recall"),
    [
        pytest.param(TRUE, 1.0, 1.0, id="exact"),
        pytest.param(TRUE.replace(".", " !"), 1.0, 1.0, id="punctuation-is-ignored"),
        pytest.param("", None, 0.0, id="nothing-extracted-leaves-precision-out"),
        pytest.param("Completely unrelated words about a cattle fair", 0.0, 0.0, id="all-wrong"),
    ],
)
def test_page_precision_recall(predicted: str, precision: float | None, recall: float | None) -> None:
    assert page_precision_recall(TRUE, predicted) == (precision, recall)


def test_boilerplate_costs_precision_not_recall() -> None:
    precision, recall = page_precision_recall(TRUE, TRUE + EXTRA)
    assert recall == 1.0
    assert precision is not None and 0.5 < precision < 1.0


def test_empty_truth_and_empty_prediction_is_perfect() -> None:
    assert page_precision_recall("", "") == (1.0, 1.0)


def test_macro_average_and_f1() -> None:
    truth = {"a": TRUE, "b": TRUE}
    result = score(truth, {"a": TRUE})  # page b missing: recall 0, left out of precision
    assert (result.precision, result.recall) == (1.0, 0.5)
    assert result.f1 == pytest.approx(2 / 3)
    assert result.pages == 2


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param({"output": {"p1": {"articleBody": TRUE}}, "version": "9.9"}, id="output-of-dicts"),
        pytest.param({"output": {"p1": repr({"articleBody": TRUE})}, "version": "9.9"}, id="output-of-reprs"),
        pytest.param({"p1": {"articleBody": TRUE}}, id="bare-mapping"),
    ],
)
def test_reference_layouts(tmp_path: Path, layout: dict[str, object]) -> None:
    path = tmp_path / "tool.json.gz"
    path.write_bytes(gzip.compress(json.dumps(layout).encode()))
    bodies, _version = load_reference(path)
    assert bodies == {"p1": TRUE}
