"""Publication time: the feed's date, else the page's day (htmldate), else the page's own rules, else fetch time.

The page's day comes from htmldate (``pagedate.py``); when one of the page's metadata times falls on that day,
the time is kept too, with the UTC offset the page gives, so the local day the page shows is the day stored
(a page dated 2021-11-05 00:00+01:00 stays on the 5th). Without a day from htmldate, the page's metadata,
its URL, canonical link and ``og:url``, then the first date in its text are read.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from services.normalizer.dates import FoundDate, Precision, first_date
from services.normalizer.pagedate import PageDay

Source = Literal["feed", "page-meta", "page-text", "fetched"]

EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
FUTURE_TOLERANCE = dt.timedelta(days=1)
ISO_DATE_ONLY = re.compile(r"^\d{4}-?\d\d-?\d\d$")
URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?=[/_.-]|$)")


@dataclass(frozen=True)
class Publication:
    """When an article was published, how precisely that is known, and where it was read."""

    at: dt.datetime
    precision: Precision
    source: Source


def resolve_publication(
    feed_published: dt.datetime | None,
    page: Callable[[], PageDay | None],
    meta_dates: Iterable[str],
    page_urls: Iterable[str],
    text_lines: Iterable[str],
    fetched_at: dt.datetime,
) -> Publication:
    """The first plausible date from the feed, the page's day, page metadata and URLs, page text; fetch day last.

    ``page`` reads the page's day (htmldate); it is called only when the feed gives no plausible date.
    """
    fetched_at = as_utc(fetched_at)
    latest = fetched_at + FUTURE_TOLERANCE
    if feed_published is not None and _plausible(as_utc(feed_published), latest):
        return Publication(as_utc(feed_published), "minute", "feed")
    metas = [parsed for parsed in map(parse_meta_date, meta_dates) if parsed and _plausible(parsed[0], latest)]
    day = page()
    if day is not None:
        return _on_page_day(day, metas, text_lines, latest)
    for parsed in [*metas, *map(date_from_url, page_urls)]:
        if parsed and _plausible(parsed[0], latest):
            return Publication(parsed[0], parsed[1], "page-meta")
    found = _first_text_date(text_lines, latest)
    if found is not None:
        return Publication(found.value, found.precision, "page-text")
    midnight = fetched_at.replace(hour=0, minute=0, second=0, microsecond=0)
    return Publication(midnight, "day", "fetched")


def _on_page_day(day: PageDay, metas: list[tuple[dt.datetime, Precision]], text_lines: Iterable[str],
                 latest: dt.datetime) -> Publication:
    """The page's day, with the time of a metadata date or of the text's first date on that day. A day read from
    the text whose day and month the text's first date has the other way round ("7/9/2021") is read day first,
    as the text rule reads it (htmldate reads it month first)."""
    timed = next((parsed for parsed in metas if parsed[0].date() == day.day), None)
    if timed is not None:
        return Publication(timed[0], timed[1], "page-meta")
    found = _first_text_date(text_lines, latest) if day.source == "page-text" else None
    if found is not None and (found.value.date() == day.day or _swapped(found.value.date(), day.day)):
        return Publication(found.value, found.precision, "page-text")
    return Publication(dt.datetime.combine(day.day, dt.time(), tzinfo=dt.UTC), day.precision, day.source)


def _swapped(ours: dt.date, theirs: dt.date) -> bool:
    """Whether two days are one numeric date read day-first and month-first."""
    return ours.year == theirs.year and (ours.day, ours.month) == (theirs.month, theirs.day) and ours != theirs


def _first_text_date(text_lines: Iterable[str], latest: dt.datetime) -> FoundDate | None:
    """The first plausible date written in the text."""
    for line in text_lines:
        found = first_date(line)
        if found and _plausible(found.value, latest):
            return found
    return None


def as_utc(value: dt.datetime) -> dt.datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def with_zone(value: dt.datetime) -> dt.datetime:
    """The datetime with the UTC offset it was given; a naive datetime is taken to be UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def parse_meta_date(value: str) -> tuple[dt.datetime, Precision] | None:
    """Read a metadata date, keeping its UTC offset: ISO 8601, RFC 822, or any form `dates` understands."""
    value = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        return with_zone(parsed), "day" if ISO_DATE_ONLY.match(value) else "minute"
    try:
        return with_zone(email.utils.parsedate_to_datetime(value)), "minute"
    except (TypeError, ValueError, IndexError):
        pass
    found = first_date(value)
    return (found.value, found.precision) if found else None


def date_from_url(url: str) -> tuple[dt.datetime, Precision] | None:
    """A /2021/03/14/ style date in a URL path, at day precision."""
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.datetime(int(match["year"]), int(match["month"]), int(match["day"]), tzinfo=dt.UTC), "day"
    except ValueError:
        return None


def _plausible(value: dt.datetime, latest: dt.datetime) -> bool:
    """True for dates from 1990 up to a day after the fetch."""
    return EARLIEST <= value <= latest
