"""Small questions asked of response headers: how long to wait (Retry-After) and how long it stays fresh."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping

MAX_AGE = re.compile(r"(?:^|,)\s*(?:s-maxage|max-age)\s*=\s*\"?(\d+)", re.IGNORECASE)
NO_CACHE = re.compile(r"(?:^|,)\s*(?:no-cache|no-store)\b", re.IGNORECASE)


def http_date(value: str | None) -> dt.datetime | None:
    """An HTTP-date as an aware UTC datetime, or None when it is missing or unreadable."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def retry_after_seconds(headers: Mapping[str, str], now: dt.datetime) -> float | None:
    """Seconds the server asked us to wait (delta-seconds or an HTTP-date), or None."""
    value = (headers.get("retry-after") or "").strip()
    if value.isdigit():
        return float(value)
    when = http_date(value)
    return max((when - now).total_seconds(), 0.0) if when else None


def max_age_seconds(headers: Mapping[str, str]) -> float | None:
    """Cache-Control max-age (s-maxage too), or None; no-cache/no-store give None."""
    value = headers.get("cache-control") or ""
    if NO_CACHE.search(value):
        return None
    match = MAX_AGE.search(value)
    return float(match.group(1)) if match else None


def expires_seconds(headers: Mapping[str, str], now: dt.datetime) -> float | None:
    """Seconds until the Expires date, or None when absent, unreadable or past."""
    when = http_date(headers.get("expires"))
    seconds = (when - now).total_seconds() if when else 0.0
    return seconds if seconds > 0 else None


def freshness_seconds(headers: Mapping[str, str], now: dt.datetime) -> float | None:
    """How long the server says the response stays fresh: max-age wins over Expires (RFC 9111)."""
    age = max_age_seconds(headers)
    return age if age is not None else expires_seconds(headers, now)
