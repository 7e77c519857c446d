"""Date expressions resolved against the publication date (Wednesday 15 May 2024 unless stated)."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.dates import find_dates, resolve_event_date

WEDNESDAY = dt.date(2024, 5, 15)


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        pytest.param("on Tuesday", dt.date(2024, 5, 14), "day", id="weekday-before"),
        pytest.param("on Wednesday", dt.date(2024, 5, 15), "day", id="weekday-same-day"),
        pytest.param("on Thursday", dt.date(2024, 5, 9), "day", id="weekday-last-week"),
        pytest.param("Tuesday morning", dt.date(2024, 5, 14), "day", id="weekday-morning"),
        pytest.param("last Friday", dt.date(2024, 5, 10), "day", id="last-weekday"),
        pytest.param("last Wednesday", dt.date(2024, 5, 8), "day", id="last-weekday-is-strictly-before"),
        pytest.param("yesterday", dt.date(2024, 5, 14), "day", id="yesterday"),
        pytest.param("today", dt.date(2024, 5, 15), "day", id="today"),
        pytest.param("two days ago", dt.date(2024, 5, 13), "day", id="days-ago"),
        pytest.param("last week", dt.date(2024, 5, 8), "week", id="last-week"),
        pytest.param("earlier this month", dt.date(2024, 5, 1), "month", id="earlier-this-month"),
        pytest.param("last month", dt.date(2024, 4, 1), "month", id="last-month"),
        pytest.param("on March 4", dt.date(2024, 3, 4), "day", id="month-day"),
        pytest.param("on 4 March", dt.date(2024, 3, 4), "day", id="day-month"),
        pytest.param("on June 2", dt.date(2023, 6, 2), "day", id="month-day-after-publication-is-last-year"),
        pytest.param("on 13 February 2018", dt.date(2018, 2, 13), "day", id="explicit-date"),
        pytest.param("March 4, 2019", dt.date(2019, 3, 4), "day", id="explicit-us-date"),
        pytest.param("in February 2024", dt.date(2024, 2, 1), "month", id="month-year"),
        pytest.param("last year", dt.date(2023, 1, 1), "year", id="last-year"),
    ],
)
def test_resolve_event_date(expression: str, expected: dt.date, precision: str) -> None:
    assert resolve_event_date(expression, WEDNESDAY) == (expected, precision)


def test_finds_offsets_in_a_sentence() -> None:
    text = "Fighters surrendered on Tuesday, the army said."
    (found,) = find_dates(text, WEDNESDAY, offset=100)
    assert (found.text, found.start, found.date) == ("Tuesday", 100 + text.index("Tuesday"), dt.date(2024, 5, 14))


def test_no_date_in_plain_text() -> None:
    assert find_dates("The convoy may still be on the road.", WEDNESDAY) == []
