"""Counts: figures, number words, hedges, ranges and vague plurals with what they count."""

from __future__ import annotations

import pytest

from services.extractor.quantities import find_counts, parse_figure


@pytest.mark.parametrize(
    ("text", "what", "low", "high", "reported"),
    [
        pytest.param("some 250 militants surrendered", "fighters", 250, 250, (250,), id="hedge-some"),
        pytest.param("as many as 400 fighters gave up", "fighters", 400, 400, (400,), id="hedge-as-many-as"),
        pytest.param("around 1,000 jihadists remain", "fighters", 1000, 1000, (1000,), id="comma-thousands"),
        pytest.param("hundreds of gunmen attacked", "fighters", 200, 900, (), id="vague-hundreds"),
        pytest.param("dozens of combatants remained", "fighters", 24, 96, (), id="vague-dozens"),
        pytest.param("1,000-1,500 members of the group", "fighters", 1000, 1500, (1000, 1500), id="range"),
        pytest.param("between 120 and 150 rebels", "fighters", 120, 150, (120, 150), id="between-range"),
        pytest.param("two soldiers were killed", "killed", 2, 2, (2,), id="number-word-killed"),
        pytest.param("three hundred protesters marched", "protesters", 300, 300, (300,), id="compound-number-word"),
        pytest.param("12 people were injured", "injured", 12, 12, (12,), id="injured"),
        pytest.param("about 3,000 civilians", "civilians", 3000, 3000, (3000,), id="civilians"),
        pytest.param("40 displaced families", "displaced", 40, 40, (40,), id="displaced-adjective-counts-noun"),
        pytest.param(
            "some 60 Islamic State (IS) fighters", "fighters", 60, 60, (60,), id="name-between-figure-and-noun"
        ),
    ],
)
def test_count_forms(text: str, what: str, low: int, high: int, reported: tuple[int, ...]) -> None:
    (count,) = find_counts(text)
    assert (count.what, count.low, count.high, count.reported) == (what, low, high, reported)


@pytest.mark.parametrize(
    ("role", "text", "what"),
    [
        pytest.param("protesters", "Some 2,000 teachers", "protesters", id="protest-participants"),
        pytest.param("arrested", "21 suspected smugglers", "arrested", id="arrest-targets"),
        pytest.param("arrested", "35 people", "arrested", id="people-take-the-role"),
    ],
)
def test_role_category(role: str, text: str, what: str) -> None:
    (count,) = find_counts(text, role=role)
    assert count.what == what


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,500", 1500), ("three hundred", 300), ("twenty-five", 25), ("2.5 million", 2_500_000), ("a dozen", 12)],
    ids=["digits", "words", "hyphenated", "decimal-million", "a-dozen"],
)
def test_parse_figure(text: str, value: int) -> None:
    assert parse_figure(text) == value


def test_years_are_not_counts() -> None:
    assert find_counts("In 2014 militants took the town") == []


def test_outcome_verb_names_the_category() -> None:
    (count,) = find_counts("dozens of combatants were detained")
    assert count.what == "arrested"
