"""Dates written in text ("February 14, 2018 at 2:47 pm", "14. Februar 2018", "13 فبراير، 2018 11:56:59 ص").

Every search runs on `text.fold` output, so case, accents, Arabic hamza forms and Arabic-Indic
digits need no special handling. Numeric dates are read day first ("18/9/2019", "5/3/2019" is
5 March) unless the second number cannot be a month. A time without a zone is taken as UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from services.normalizer.calendar_words import DATE_LINE_FILLERS, MONTHS, WEEKDAYS
from services.normalizer.text import fold

Precision = Literal["minute", "day", "month"]

_MONTH = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|eme|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_AMPM = r"(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?|صباحا|مساء|مساءا|ص|م)(?!\w)"
_ZONE = (r"(?P<zone>(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d|utc|gmt|z|cet|cest|mez|mesz|bst|eet"
         r"|eest|msk|edt|cst|cdt|mst|mdt|pst|pdt)(?!\w)")
_CLOCK = r"(?P<hour>[0-2]?\d)\s*(?:[:h]|\.(?=\d\d\s*uhr))\s*(?P<minute>[0-5]\d)(?:\s*:\s*(?P<second>[0-5]\d))?"

DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d.:/-]){_DAY}\.?\s*(?:de\s+)?(?P<month>{_MONTH})(?!\w)\.?\s*,?\s*(?:de\s+|del\s+)?{_YEAR}")
MONTH_DAY_YEAR = re.compile(rf"(?<!\w)(?P<month>{_MONTH})(?!\w)\.?\s+{_DAY}(?!\d)\s*,?\s*{_YEAR}")
NUMERIC_DAY_FIRST = re.compile(
    r"(?<![\d.,:/-])(?P<day>[0-3]?\d)\s*(?P<sep>[/.-])\s*(?P<month>[0-3]?\d)\s*(?P=sep)\s*(?P<year>(?:19|20)\d\d)(?![\d/-])")
NUMERIC_YEAR_FIRST = re.compile(
    r"(?<![\d.,:/-])(?P<year>(?:19|20)\d\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?!\d)")
DATE_PATTERNS = (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC_DAY_FIRST, NUMERIC_YEAR_FIRST)
TIME_AFTER = re.compile(
    rf"[\s,]*(?:(?:at|a las|a la|a|um|le|de|-|–|\||t|الساعة)\s*)?{_CLOCK}(?:\s*{_AMPM})?(?:\s*(?:uhr|hrs|h)(?!\w))?"
    rf"(?:\s*{_ZONE})?")
TIME_BEFORE = re.compile(rf"(?<!\d){_CLOCK}(?:\s*{_AMPM})?(?:\s*{_ZONE})?\s*[,|–-]?\s*(?:on\s+)?(?:\w+\s*,?\s*)?$")
YEAR_HINT = re.compile(r"(?:19|20)\d\d")
NON_WORD = re.compile(r"[\W_]+")
ZONE_HOURS = {"utc": 0, "gmt": 0, "z": 0, "cet": 1, "mez": 1, "bst": 1, "cest": 2, "mesz": 2, "eet": 2,
              "eest": 3, "msk": 3, "edt": -4, "cdt": -5, "cst": -6, "mdt": -6, "mst": -7, "pdt": -7, "pst": -8}
ZONE_OFFSET = re.compile(r"(?P<sign>[+-])\s*(?P<hours>\d{1,2}):?(?P<minutes>\d\d)?$")
TIME_LOOKBEHIND = 30


@dataclass(frozen=True)
class FoundDate:
    """A date read from text: UTC value, precision and where it sits in the folded text."""

    value: dt.datetime
    precision: Precision
    start: int
    end: int


def find_dates(text: str) -> list[FoundDate]:
    """Every date in the text, in reading order (overlapping matches keep the earliest)."""
    folded = fold(text)
    if not YEAR_HINT.search(folded):
        return []
    found: list[FoundDate] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(folded):
            date = _read_match(folded, match)
            if date and not any(date.start < other.end and other.start < date.end for other in found):
                found.append(date)
    return sorted(found, key=lambda date: date.start)


def first_date(text: str) -> FoundDate | None:
    """The first date in the text, if any."""
    dates = find_dates(text)
    return dates[0] if dates else None


def is_date_line(text: str) -> bool:
    """True when the line is nothing but dates, weekdays and words like "Published" or "Updated"."""
    dates = find_dates(text)
    if not dates:
        return False
    folded, position, rest = fold(text), 0, []
    for date in dates:
        rest.append(folded[position : date.start])
        position = date.end
    rest.append(folded[position:])
    return all(word in WEEKDAYS or word in DATE_LINE_FILLERS for word in NON_WORD.sub(" ", " ".join(rest)).split())


def _read_match(folded: str, match: re.Match[str]) -> FoundDate | None:
    """Turn a date match, and a time right after or before it, into a UTC datetime."""
    year, day = int(match["year"]), int(match["day"])
    month_text = NON_WORD.sub(" ", match["month"]).strip()
    month = MONTHS[month_text] if month_text in MONTHS else int(month_text)
    if match.re is NUMERIC_DAY_FIRST and month > 12 >= day:
        day, month = month, day
    start, end = match.start(), match.end()
    time = TIME_AFTER.match(folded, end)
    if time and time["hour"]:
        end = time.end()
    else:
        time = TIME_BEFORE.search(folded, max(0, start - TIME_LOOKBEHIND), start)
        if time:
            start = time.start()
    try:
        if time is None:
            return FoundDate(dt.datetime(year, month, day, tzinfo=dt.UTC), "day", start, end)
        local = dt.datetime(year, month, day, _hour(time), int(time["minute"]), int(time["second"] or 0),
                            tzinfo=_zone(time["zone"]))
    except ValueError:
        return None
    return FoundDate(local.astimezone(dt.UTC), "minute", start, end)


def _hour(time: re.Match[str]) -> int:
    """The 24-hour clock hour of a time match (12 am is 0, 2 pm is 14, ص is am and م is pm)."""
    hour, ampm = int(time["hour"]), (time["ampm"] or "").replace(".", "").replace(" ", "")
    if ampm in ("am", "ص", "صباحا"):
        return 0 if hour == 12 else hour
    if ampm in ("pm", "م", "مساء", "مساءا"):
        return hour if hour == 12 else hour + 12
    return hour


def _zone(zone: str | None) -> dt.tzinfo:
    """The tzinfo of a zone name or offset; no zone means UTC."""
    if not zone:
        return dt.UTC
    if zone in ZONE_HOURS:
        return dt.timezone(dt.timedelta(hours=ZONE_HOURS[zone]))
    offset = ZONE_OFFSET.search(zone.replace(" ", ""))
    if not offset:
        return dt.UTC
    sign = -1 if offset["sign"] == "-" else 1
    minutes = int(offset["hours"]) * 60 + int(offset["minutes"] or 0)
    return dt.timezone(sign * dt.timedelta(minutes=minutes)) if minutes < 24 * 60 else dt.UTC
