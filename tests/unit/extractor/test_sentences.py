"""Sentence splitting with offsets: datelines, title kickers and abbreviations."""

from __future__ import annotations

import pytest

from services.extractor.sentences import article_sentences, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Troops left. Rebels came.", ["Troops left.", "Rebels came."], id="two-sentences"),
        pytest.param(
            "Col. Ayla Demir said so. Then she left.",
            ["Col. Ayla Demir said so.", "Then she left."],
            id="title-abbreviation",
        ),
        pytest.param(
            "The U.S. envoy arrived. Talks began.",
            ["The U.S. envoy arrived.", "Talks began."],
            id="country-abbreviation",
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_dateline_and_kicker_are_dropped_and_offsets_kept() -> None:
    full, sentences = article_sentences("Chad: rebels surrender in the east", "NDJAMENA: Rebels gave up. Troops came.")
    assert [s.text for s in sentences] == ["rebels surrender in the east", "Rebels gave up.", "Troops came."]
    assert all(full[s.start : s.end] == s.text for s in sentences)
    assert sentences[0].is_title and sentences[1].paragraph == 1
