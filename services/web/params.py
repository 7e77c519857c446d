"""Query parameters of the JSON API, checked with the command line's own validators (``services/cli/filters``)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from services.cli import filters

DEFAULT_LIMIT = 500  # events /api/events lists when no limit is given
MAX_LIMIT = 5000  # a page never asks for more; a larger export is `newsflow events --json`
MAX_TEXT = 200  # characters of the free-text filter
EVENT_PARAMS = frozenset({"since", "until", "country", "type", "q", "limit"})
UUID_LENGTH = len(filters.UUID_TEMPLATE)

T = TypeVar("T")


class BadRequestError(ValueError):
    """Input the API answers with 400 and this message."""


@dataclass(frozen=True)
class EventQuery:
    """The filters of one /api/events request."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    plover: str | None = None
    text: str | None = None
    limit: int = DEFAULT_LIMIT


def _checked(name: str, raw: str, parse: Callable[[str], T]) -> T:
    """One value through a command-line validator; its complaint becomes the 400's message."""
    try:
        return parse(raw)
    except argparse.ArgumentTypeError as exc:
        raise BadRequestError(f"{name}: {exc}") from None


def _limit(text: str) -> int:
    """filters.limit, capped at MAX_LIMIT."""
    value = filters.limit(text)
    if value > MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{value} is over {MAX_LIMIT}; use `newsflow events --json` for more")
    return value


def _text(text: str) -> str:
    """Free text: stripped, at most MAX_TEXT characters, no control characters."""
    value = text.strip()
    if len(value) > MAX_TEXT:
        raise argparse.ArgumentTypeError(f"at most {MAX_TEXT} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise argparse.ArgumentTypeError("control characters are not allowed")
    return value


PARSERS: dict[str, Callable[[str], Any]] = {"since": filters.date, "until": filters.date,
                                            "country": filters.country, "type": filters.event_type,
                                            "q": _text, "limit": _limit}


def event_query(items: Iterable[tuple[str, str]]) -> EventQuery:
    """An EventQuery from the query string's (name, value) pairs; unknown, repeated or invalid ones raise
    BadRequestError. An empty value means the filter is not set."""
    values: dict[str, Any] = {}
    seen: set[str] = set()
    for name, raw in items:
        if name not in EVENT_PARAMS:
            raise BadRequestError(f"unknown parameter {name!r}: use {', '.join(sorted(EVENT_PARAMS))}")
        if name in seen:
            raise BadRequestError(f"{name}: given more than once")
        seen.add(name)
        if raw.strip():
            values[name] = _checked(name, raw, PARSERS[name])
    if values.get("since") and values.get("until") and values["since"] > values["until"]:
        raise BadRequestError(f"since ({values['since']}) is after until ({values['until']})")
    return EventQuery(since=values.get("since"), until=values.get("until"), country=values.get("country"),
                      plover=values.get("type"), text=values.get("q") or None,
                      limit=values.get("limit", DEFAULT_LIMIT))


def event_id(raw: str) -> str:
    """A whole event id (a UUID), lower-cased."""
    value = _checked("event id", raw, filters.event_id)
    if len(value) != UUID_LENGTH:
        raise BadRequestError(f"event id: {raw!r} is not a whole event id (a UUID such as {filters.UUID_TEMPLATE})")
    return value
