"""Date expressions in text, resolved against the publication date ("on Tuesday", "yesterday", "March 4").

"Today" is the date part of ``published_at`` (UTC). A bare weekday is the most
recent such day on or before that date (the same day allowed); "last Friday" is
strictly before it. Month names without a year take the latest such date not after
publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from schemas.records import DatePrecision
from services.extractor.patterns import DATE_PATTERN, NAME_AFTER
from services.extractor.words import ordered_words

WEEKDAYS = ordered_words("weekdays")
MONTHS = ordered_words("months")
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "an": 1}


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text and what it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: DatePrecision


def weekday_on_or_before(today: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    """The most recent given weekday on or before a date (strictly before when asked)."""
    delta = (today.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return today - dt.timedelta(days=delta)


def month_number(text: str) -> int:
    """Month number of a month name or abbreviation."""
    return MONTH_ABBR[text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower()[:3]]


def latest_day(today: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    """A calendar day; without a year, the latest such day not after today."""
    try:
        if year:
            return dt.date(int(year), month, day)
        candidate = dt.date(today.year, month, day)
        return candidate if candidate <= today else dt.date(today.year - 1, month, day)
    except ValueError:
        return None


def resolve(match: re.Match[str], today: dt.date) -> tuple[dt.date, DatePrecision] | None:
    """The date and precision one matched expression stands for."""
    g = {k: (v.lower() if v else v) for k, v in match.groupdict().items()}
    if g["relday"]:
        offset = 2 if g["relday"].startswith("the day") else 1 if g["relday"] == "yesterday" else 0
        return today - dt.timedelta(days=offset), "day"
    if g["lastday"]:
        return weekday_on_or_before(today, WEEKDAYS.index(g["lastday"]), strictly=True), "day"
    if g["wday"]:
        return weekday_on_or_before(today, WEEKDAYS.index(g["wday"])), "day"
    if g["mon1"] or g["mon2"]:
        day = latest_day(
            today, month_number(g["mon1"] or g["mon2"]), int(g["mday1"] or g["mday2"]), g["year1"] or g["year2"]
        )
        return (day, "day") if day else None
    if g["iso"]:
        try:
            return dt.date.fromisoformat(g["iso"]), "day"
        except ValueError:
            return None
    if g["ago"]:
        count = NUMBER_WORDS.get(g["ago"]) or int(g["ago"])
        days = count * (7 if g["unit"].startswith("week") else 1)
        return today - dt.timedelta(days=days), "week" if g["unit"].startswith("week") else "day"
    if g["span"]:
        return relative_span(today, g["rel"], g["span"])
    if g["mon3"]:
        return dt.date(int(g["year3"]), month_number(g["mon3"]), 1), "month"
    return None


def relative_span(today: dt.date, rel: str, span: str) -> tuple[dt.date, DatePrecision]:
    """'last week', 'this month', 'past year' ... as a date with week, month or year precision."""
    back = rel in {"last", "past"}
    if span in {"week", "weekend"}:
        return (today - dt.timedelta(days=7) if back else today), "week"
    if span == "month":
        if back and rel == "last":
            first = today.replace(day=1) - dt.timedelta(days=1)
            return first.replace(day=1), "month"
        return today.replace(day=1), "month"
    return (dt.date(today.year - 1, 1, 1) if rel == "last" else today.replace(month=1, day=1)), "year"


def find_dates(text: str, today: dt.date, offset: int = 0) -> list[DateMention]:
    """Every resolvable date expression in a text (char offsets shifted by ``offset``)."""
    found = []
    for match in DATE_PATTERN.finditer(text):
        if match.group("mon2") and not match.group("year2") and NAME_AFTER.match(text, match.end()):
            continue
        resolved = resolve(match, today)
        if resolved:
            found.append(DateMention(match.start() + offset, match.end() + offset, match.group(0), *resolved))
    return found


def resolve_event_date(expression: str, today: dt.date) -> tuple[dt.date, DatePrecision] | None:
    """Resolve one date expression against the publication date."""
    match = DATE_PATTERN.search(expression)
    return resolve(match, today) if match else None
