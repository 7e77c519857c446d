"""Dates written in text: formats, languages, times, zones, day/month order."""

from __future__ import annotations

import pytest

from services.normalizer.dates import find_dates, first_date, is_date_line


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        pytest.param("February 14, 2021 at 2:47 pm", "2021-02-14T14:47:00+00:00", "minute", id="en-month-day-year-pm"),
        pytest.param("March 5, 2021 at 1:24 am", "2021-03-05T01:24:00+00:00", "minute", id="en-month-day-year-am"),
        pytest.param("Posted Feb. 3, 2021, 12:10 a.m.", "2021-02-03T00:10:00+00:00", "minute", id="en-abbrev-midnight"),
        pytest.param("13 February 2021", "2021-02-13T00:00:00+00:00", "day", id="en-day-month-year"),
        pytest.param("Sunday,13 Feb 2021", "2021-02-13T00:00:00+00:00", "day", id="en-weekday-comma-no-space"),
        pytest.param("the 1st of March", None, None, id="en-no-year-is-no-date"),
        pytest.param("Wednesday 18 / 9 / 2019", "2019-09-18T00:00:00+00:00", "day", id="numeric-weekday-spaced"),
        pytest.param("5/3/2021", "2021-03-05T00:00:00+00:00", "day", id="numeric-day-first-by-default"),
        pytest.param("3/25/2021", "2021-03-25T00:00:00+00:00", "day", id="numeric-month-first-when-day-over-12"),
        pytest.param("07.09.2021 23:10", "2021-09-07T23:10:00+00:00", "minute", id="numeric-dotted-with-time"),
        pytest.param("2021-04-10", "2021-04-10T00:00:00+00:00", "day", id="iso-date"),
        pytest.param("2021-04-10T11:56:59+03:00", "2021-04-10T08:56:59+00:00", "minute", id="iso-offset-to-utc"),
        pytest.param("14 février 2021", "2021-02-14T00:00:00+00:00", "day", id="fr"),
        pytest.param("Publié le 1er mars 2021 à 14h47", "2021-03-01T14:47:00+00:00", "minute", id="fr-1er-and-14h47"),
        pytest.param("14 de febrero de 2021", "2021-02-14T00:00:00+00:00", "day", id="es"),
        pytest.param("14 de febrero de 2021 a las 18:05", "2021-02-14T18:05:00+00:00", "minute", id="es-with-time"),
        pytest.param("14. Februar 2021", "2021-02-14T00:00:00+00:00", "day", id="de"),
        pytest.param("3. März 2021 um 14.47 Uhr", "2021-03-03T14:47:00+00:00", "minute", id="de-umlaut-uhr"),
        pytest.param("تم النشر بتاريخ : 13 فبراير، 2021 11:56:59 ص", "2021-02-13T11:56:59+00:00", "minute",
                     id="ar-egyptian-month-am"),
        pytest.param("تم النشر: ٢٠ مارس، ٢٠٢١ ٠٣:١٥:٢٠ م", "2021-03-20T15:15:20+00:00", "minute",
                     id="ar-indic-digits-pm"),
        pytest.param("الأحد 7 تشرين الأول 2021", "2021-10-07T00:00:00+00:00", "day", id="ar-levantine-month"),
        pytest.param("14:47 GMT, Wednesday 13 February 2021", "2021-02-13T14:47:00+00:00", "minute",
                     id="time-before-date"),
        pytest.param("March 25, 2021 10:00 pm EDT", "2021-03-26T02:00:00+00:00", "minute", id="zone-name-to-utc"),
        pytest.param("7 September 2021 23:10 +0200", "2021-09-07T21:10:00+00:00", "minute", id="zone-offset-to-utc"),
        pytest.param("7 September 2021 08:00 GMT+3", "2021-09-07T05:00:00+00:00", "minute", id="gmt-plus-hours"),
        pytest.param("31 February 2021", None, None, id="impossible-day-rejected"),
        pytest.param("in late December 2017, forces", None, None, id="month-and-year-only"),
        pytest.param("a 1,000-1,500 strong force", None, None, id="number-ranges-are-not-dates"),
    ],
)
def test_first_date(text: str, iso: str | None, precision: str | None) -> None:
    found = first_date(text)
    if iso is None:
        assert found is None
    else:
        assert found is not None
        assert (found.value.isoformat(), found.precision) == (iso, precision)


def test_find_dates_in_reading_order() -> None:
    dates = find_dates("Flag raised, 30 March 2017; barrier closed 2021-03-03 and again on 4 March 2021.")
    assert [d.value.date().isoformat() for d in dates] == ["2017-03-30", "2021-03-03", "2021-03-04"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("February 14, 2021 at 2:47 pm", True, id="date-and-time"),
        pytest.param("Tuesday 7 / 9 / 2021", True, id="weekday-and-numeric"),
        pytest.param("Last updated 2 June 2021", True, id="updated-label"),
        pytest.param("Publié le 14 février 2021 à 10h30", True, id="fr-published-label"),
        pytest.param("تم النشر بتاريخ : 13 فبراير، 2021", True, id="ar-published-label"),
        pytest.param("Floods hit Harrowgate on 13 February 2021", False, id="sentence-with-date"),
        pytest.param("Harrowgate", False, id="no-date"),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected
