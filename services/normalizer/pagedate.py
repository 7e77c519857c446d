"""The publication day a page shows, read by htmldate: its markup first, then its text.

htmldate (Apache-2.0, already a dependency of trafilatura) reads the page's metadata, URL, canonical link,
``<time>`` elements and date lines, and in its extensive search the dates in the page's text. On the htmldate
evaluation pages it finds the right day more often than the project's own page rules (docs/normalizer.md).
The extensive search completes a bare year to 1 January and a month to its 1st: a 1 January from it is
refused, as a year says nothing of the day, and any other 1st is kept at month precision. The latest day
accepted is the day after the fetch, so the result depends only on the input.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Literal

from htmldate import find_date

from services.normalizer.dates import Precision

log = logging.getLogger(__name__)

FORMAT = "%Y-%m-%d"
EARLIEST = "1995-01-01"  # htmldate's own lower bound
Found = Literal["page-meta", "page-text"]


@dataclass(frozen=True)
class PageDay:
    """A page's publication day, whether its markup (``page-meta``) or only its text gave it, and how precise."""

    day: dt.date
    source: Found
    precision: Precision = "day"


def page_day(html: str, url: str | None, fetched_at: dt.datetime) -> PageDay | None:
    """The day htmldate reads from the page: markup (fast mode) first, then the extensive text search."""
    latest = (fetched_at + dt.timedelta(days=1)).strftime(FORMAT)
    for extensive, source in ((False, "page-meta"), (True, "page-text")):
        found = _find(html, url, extensive, latest)
        if found is None or (extensive and (found.month, found.day) == (1, 1)):
            continue
        return PageDay(found, source, "month" if extensive and found.day == 1 else "day")  # type: ignore[arg-type]
    return None


def _find(html: str, url: str | None, extensive: bool, latest: str) -> dt.date | None:
    """One htmldate search; None when it finds nothing or fails on the page."""
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=extensive, outputformat=FORMAT,
                          min_date=EARLIEST, max_date=latest)
    except Exception as exc:  # a library failing on one hostile page must not lose the article
        log.warning("htmldate failed on a page", extra={"url": url, "error": type(exc).__name__})
        return None
    return dt.date.fromisoformat(found) if found else None
