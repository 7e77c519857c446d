"""Publication time: the feed's date, else the page's metadata, else the first date in its text, else fetch time."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from services.normalizer.dates import Precision, first_date

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
    meta_dates: Iterable[str],
    page_urls: Iterable[str],
    text_lines: Iterable[str],
    fetched_at: dt.datetime,
) -> Publication:
    """The first plausible date from the feed, page metadata and URL, page text; fetch day as the fallback."""
    fetched_at = as_utc(fetched_at)
    latest = fetched_at + FUTURE_TOLERANCE
    if feed_published is not None and _plausible(as_utc(feed_published), latest):
        return Publication(as_utc(feed_published), "minute", "feed")
    for parsed in [*map(parse_meta_date, meta_dates), *map(date_from_url, page_urls)]:
        if parsed and _plausible(parsed[0], latest):
            return Publication(parsed[0], parsed[1], "page-meta")
    for line in text_lines:
        found = first_date(line)
        if found and _plausible(found.value, latest):
            return Publication(found.value, found.precision, "page-text")
    midnight = fetched_at.replace(hour=0, minute=0, second=0, microsecond=0)
    return Publication(midnight, "day", "fetched")


def as_utc(value: dt.datetime) -> dt.datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def parse_meta_date(value: str) -> tuple[dt.datetime, Precision] | None:
    """Read a metadata date: ISO 8601, RFC 822, or any form `dates` understands."""
    value = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        return as_utc(parsed), "day" if ISO_DATE_ONLY.match(value) else "minute"
    try:
        return as_utc(email.utils.parsedate_to_datetime(value)), "minute"
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
