"""Command-line values checked before any service starts: limits, dates, countries, event types, event ids."""

from __future__ import annotations

import argparse
import datetime as dt
import functools

from services.extractor.data import read_rows

MAX_LIMIT = 2**31 - 1
UUID_TEMPLATE = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"  # x: a hex digit
HEX = frozenset("0123456789abcdef")


def limit(text: str) -> int:
    """A positive whole number up to MAX_LIMIT."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{value} is out of range: give a number from 1 to {MAX_LIMIT}")
    return value


def date(text: str) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2025-01-31") from None


@functools.cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code by upper-case code and by upper-case country name (the extractor's tables)."""
    table: dict[str, str] = {}
    for row in [*read_rows("countries.tsv"), *read_rows("countries_supplement.tsv")]:
        if len(row) > 2 and len(row[1]) == 2:
            table.setdefault(row[1].upper(), row[1].upper())
            table.setdefault(row[2].upper(), row[1].upper())
    return table


def country(text: str) -> str:
    """An ISO 3166-1 alpha-2 code; a country's English name is read as its code."""
    code = countries().get(text.strip().upper())
    if code is None:
        raise argparse.ArgumentTypeError(f"unknown country {text!r}: use an ISO 3166-1 alpha-2 code such as FR or SY")
    return code


@functools.cache
def event_types() -> frozenset[str]:
    """Every event type the extractor emits: PLOVER types and the project's own (extra_types.tsv)."""
    plover = {row[1] for name in ("cameo_plover.tsv", "plover_supplement.tsv") for row in read_rows(name)}
    return frozenset({t.upper() for t in plover | {row[0] for row in read_rows("extra_types.tsv")} if t})


def event_type(text: str) -> str:
    """A known event type, upper-cased."""
    value = text.strip().upper()
    if value not in event_types():
        raise argparse.ArgumentTypeError(f"unknown event type {text!r}: use one of {', '.join(sorted(event_types()))}")
    return value


def event_id(text: str) -> str:
    """An event id (a UUID) or a prefix of one, lower-cased; no wildcards."""
    value = text.strip().lower()
    shaped = all(c == "-" if t == "-" else c in HEX for c, t in zip(value, UUID_TEMPLATE, strict=False))
    if not value or len(value) > len(UUID_TEMPLATE) or not shaped:
        raise argparse.ArgumentTypeError(f"{text!r} is not an event id: give a UUID or its first hex digits, "
                                         "e.g. 0b3f6c57")
    return value
