"""The page's day by htmldate: markup first, then text; a bare year refused; bounded by the fetch day."""

from __future__ import annotations

import datetime as dt

import pytest

from services.normalizer.pagedate import PageDay, page_day

FETCHED = dt.datetime(2021, 9, 20, 12, 0, tzinfo=dt.UTC)


def page(head: str = "", body: str = "") -> str:
    """A small article page with this head and body markup."""
    return f"<html><head><title>Harbour bridge reopens</title>{head}</head><body><article><h1>Harbour bridge " \
           f"reopens</h1>{body}<p>The bridge reopened to traffic after repairs to its deck.</p></article></body></html>"


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        pytest.param(page('<meta property="article:published_time" content="2021-03-14T09:30:00+01:00">'),
                     None, PageDay(dt.date(2021, 3, 14), "page-meta"), id="published-time-meta"),
        pytest.param(page(), "https://www.northernledger.example/2021/06/02/harbour-bridge",
                     PageDay(dt.date(2021, 6, 2), "page-meta"), id="date-in-url"),
        pytest.param(page(body="<p>Posted on 4 August 2021 by the harbour desk</p>"), None,
                     PageDay(dt.date(2021, 8, 4), "page-text"), id="date-line-in-text"),
        pytest.param(page(body="<p>Repairs planned since 2019 are finished.</p>"), None, None,
                     id="bare-year-refused"),
        pytest.param(page(body="<p>Published: 03/2021</p>"), None,
                     PageDay(dt.date(2021, 3, 1), "page-text", "month"), id="month-only-kept-at-month-precision"),
        pytest.param(page('<meta property="article:published_time" content="2021-12-01T09:30:00Z">'), None, None,
                     id="after-the-fetch-day-refused"),
        pytest.param("", None, None, id="empty-page"),
    ],
)
def test_page_day(html: str, url: str | None, expected: PageDay | None) -> None:
    assert page_day(html, url, FETCHED) == expected
