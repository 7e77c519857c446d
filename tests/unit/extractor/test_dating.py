"""Which date an event gets: the decisions gathered in services/extractor/dating.py."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.dates import DateMention
from services.extractor.dating import background, dated_background, story_date

PUBLISHED = dt.date(2025, 4, 11)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        pytest.param(DateMention(0, 4, "2023", dt.date(2023, 1, 1), "year"), True, id="an-earlier-year"),
        pytest.param(DateMention(0, 9, "last year", dt.date(2024, 1, 1), "year"), True, id="last-year"),
        pytest.param(DateMention(0, 5, "March", dt.date(2025, 3, 1), "month"), True, id="over-a-month-before"),
        pytest.param(DateMention(0, 7, "Tuesday", dt.date(2025, 4, 8), "day"), False, id="this-week"),
        pytest.param(None, False, id="undated"),
    ],
)
def test_a_clause_dated_long_before_publication_is_background(date: DateMention | None, expected: bool) -> None:
    assert dated_background(date, PUBLISHED) is expected


def test_a_happening_date_over_a_month_back_is_background() -> None:
    assert background(dt.date(2025, 3, 10), PUBLISHED) and not background(dt.date(2025, 3, 11), PUBLISHED)


def test_a_story_without_a_date_in_its_text_takes_publication() -> None:
    found = DateMention(0, 7, "Tuesday", dt.date(2025, 4, 8), "day")
    assert story_date(found, PUBLISHED) == (dt.date(2025, 4, 8), "day", "text")
    assert story_date(None, PUBLISHED) == (PUBLISHED, "day", "publication")
    assert story_date(None, None) == (None, None, None)
