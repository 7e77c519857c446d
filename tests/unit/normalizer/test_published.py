"""Publication time: feed, page metadata, URL, page text, fetch time; plausibility window; zones."""

from __future__ import annotations

import datetime as dt

import pytest

from services.normalizer.pagedate import PageDay
from services.normalizer.published import Publication, date_from_url, parse_meta_date, resolve_publication

FETCHED = dt.datetime(2021, 9, 20, 12, 0, tzinfo=dt.UTC)
UTC = dt.UTC
FEED_TIME = dt.datetime(2021, 2, 14, 14, 47, tzinfo=UTC)
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


def resolve(feed: dt.datetime | None = None, meta: tuple[str, ...] = (), urls: tuple[str, ...] = (),
            text: tuple[str, ...] = (), page: PageDay | None = None) -> Publication:
    """resolve_publication with the test's fetch time and a page day as htmldate would give it."""
    return resolve_publication(feed, lambda: page, list(meta), list(urls), list(text), FETCHED)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param({"feed": dt.datetime(2021, 2, 14, 14, 47, tzinfo=UTC), "meta": ("2021-01-01",)},
                     Publication(dt.datetime(2021, 2, 14, 14, 47, tzinfo=UTC), "minute", "feed"), id="feed-first"),
        pytest.param({"feed": dt.datetime(2021, 2, 14, 16, 47, tzinfo=dt.timezone(dt.timedelta(hours=2)))},
                     Publication(FEED_TIME, "minute", "feed"), id="feed-zone-to-utc"),
        pytest.param({"feed": dt.datetime(2021, 2, 14, 14, 47)},
                     Publication(FEED_TIME, "minute", "feed"), id="feed-naive-is-utc"),
        pytest.param({"meta": ("2021-06-01T18:30:00+02:00",), "text": ("2 June 2021",)},
                     Publication(dt.datetime(2021, 6, 1, 16, 30, tzinfo=UTC), "minute", "page-meta"),
                     id="meta-before-text"),
        pytest.param({"page": PageDay(dt.date(2021, 9, 5), "page-meta"), "meta": ("2021-09-05T00:30:00+01:00",)},
                     Publication(dt.datetime(2021, 9, 5, 0, 30, tzinfo=PLUS_ONE), "minute", "page-meta"),
                     id="page-day-keeps-the-meta-time-on-that-day"),
        pytest.param({"page": PageDay(dt.date(2021, 9, 5), "page-meta"), "meta": ("2021-08-30T09:00:00Z",)},
                     Publication(dt.datetime(2021, 9, 5, tzinfo=UTC), "day", "page-meta"),
                     id="page-day-over-a-meta-time-of-another-day"),
        pytest.param({"page": PageDay(dt.date(2021, 3, 2), "page-text"), "text": ("13 February 2021",)},
                     Publication(dt.datetime(2021, 3, 2, tzinfo=UTC), "day", "page-text"),
                     id="page-day-from-text-before-own-text-rule"),
        pytest.param({"page": PageDay(dt.date(2021, 3, 2), "page-meta"),
                      "feed": dt.datetime(2021, 2, 14, 14, 47, tzinfo=UTC)},
                     Publication(FEED_TIME, "minute", "feed"), id="feed-before-page-day"),
        pytest.param({"meta": ("2021-04-10",)},
                     Publication(dt.datetime(2021, 4, 10, tzinfo=UTC), "day", "page-meta"), id="meta-date-only-is-day"),
        pytest.param({"urls": ("https://www.northernledger.example/2021/03/14/flood",)},
                     Publication(dt.datetime(2021, 3, 14, tzinfo=UTC), "day", "page-meta"), id="url-date"),
        pytest.param({"text": ("Harrowgate", "13 February 2021", "14 February 2021")},
                     Publication(dt.datetime(2021, 2, 13, tzinfo=UTC), "day", "page-text"), id="first-text-date"),
        pytest.param({"text": ("نشر في 13 فبراير، 2021 11:56:59 ص",)},
                     Publication(dt.datetime(2021, 2, 13, 11, 56, 59, tzinfo=UTC), "minute", "page-text"),
                     id="arabic-text-date"),
        pytest.param({},
                     Publication(dt.datetime(2021, 9, 20, tzinfo=UTC), "day", "fetched"), id="fetched-fallback"),
        pytest.param({"feed": dt.datetime(2030, 1, 1, tzinfo=UTC), "text": ("13 February 2021",)},
                     Publication(dt.datetime(2021, 2, 13, tzinfo=UTC), "day", "page-text"), id="future-feed-rejected"),
        pytest.param({"meta": ("2021-09-23",), "text": ("19 September 2021",)},
                     Publication(dt.datetime(2021, 9, 19, tzinfo=UTC), "day", "page-text"), id="future-meta-rejected"),
        pytest.param({"text": ("21 September 2021 11:00",)},
                     Publication(dt.datetime(2021, 9, 21, 11, 0, tzinfo=UTC), "minute", "page-text"),
                     id="within-a-day-after-fetch-accepted"),
        pytest.param({"feed": dt.datetime(1989, 12, 31, tzinfo=UTC), "meta": ("1970-01-01T00:00:00Z",),
                      "text": ("12 May 1985", "13 February 2021")},
                     Publication(dt.datetime(2021, 2, 13, tzinfo=UTC), "day", "page-text"), id="before-1990-rejected"),
    ],
)
def test_resolve_publication(kwargs: dict, expected: Publication) -> None:
    assert resolve(**kwargs) == expected


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        pytest.param("2021-04-10T11:56:59Z", "2021-04-10T11:56:59+00:00", "minute", id="iso-z"),
        pytest.param("2021-04-10 11:56", "2021-04-10T11:56:00+00:00", "minute", id="iso-space-naive"),
        pytest.param("20210410", "2021-04-10T00:00:00+00:00", "day", id="iso-basic"),
        pytest.param("Sat, 10 Apr 2021 11:56:59 +0300", "2021-04-10T11:56:59+03:00", "minute",
                     id="rfc822-keeps-its-offset"),
        pytest.param("2021-11-05T00:00:00+01:00", "2021-11-05T00:00:00+01:00", "minute", id="iso-keeps-its-offset"),
        pytest.param("10 April 2021", "2021-04-10T00:00:00+00:00", "day", id="text-form"),
        pytest.param("yesterday", None, None, id="unreadable"),
    ],
)
def test_parse_meta_date(value: str, iso: str | None, precision: str | None) -> None:
    parsed = parse_meta_date(value)
    read = (parsed[0].isoformat(), parsed[1]) if parsed else (None, None)
    assert read == (iso, precision)


def test_date_from_url_rejects_impossible_dates() -> None:
    assert date_from_url("https://www.northernledger.example/2021/02/30/story") is None


def test_page_day_is_not_read_when_the_feed_dates_the_item() -> None:
    def page() -> PageDay | None:
        raise AssertionError("page read though the feed gave a date")

    assert resolve_publication(FEED_TIME, page, [], [], [], FETCHED).source == "feed"
