"""When a feed is polled next: an adaptive interval within floor and ceiling, server floors, jitter, backoff."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable

JITTER = 0.1
MAX_BACKOFF_SECONDS = 24 * 3600.0
WEEK_SECONDS = 7 * 24 * 3600.0

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    """The current time, aware and in UTC."""
    return dt.datetime.now(dt.UTC)


def jittered(interval_seconds: float, rng: random.Random | None = None, jitter: float = JITTER) -> float:
    """interval_seconds spread by ±jitter, so feeds added together do not stay in lockstep."""
    spread = (rng or random).uniform(-jitter, jitter)
    return interval_seconds * (1.0 + spread)


def backoff_seconds(error_count: int, interval_seconds: float, cap_seconds: float = MAX_BACKOFF_SECONDS) -> float:
    """Delay after the error_count-th error in a row: interval × 2^(n-1), at most cap (or the interval)."""
    exponent = max(error_count - 1, 0)
    cap = max(cap_seconds, interval_seconds)
    return min(interval_seconds * 2.0 ** min(exponent, 32), cap)


def clamp(value: float, floor: float, ceiling: float) -> float:
    """value within [floor, ceiling]."""
    return min(max(value, floor), ceiling)


def adaptive_interval(
    published: Iterable[dt.datetime | None], now: dt.datetime, default: float, floor: float, ceiling: float
) -> float:
    """A week divided by the entries published in the last week (Miniflux's rule), within floor and ceiling.

    A feed with dated entries, none in the last week, is polled at the ceiling;
    one with no dates at all keeps the default interval.
    """
    dates = [d for d in published if d is not None]
    if not dates:
        return clamp(default, floor, ceiling)
    recent = sum(1 for d in dates if dt.timedelta(0) <= now - d <= dt.timedelta(seconds=WEEK_SECONDS))
    return ceiling if recent == 0 else clamp(WEEK_SECONDS / recent, floor, ceiling)


def next_delay(interval: float, floors: Iterable[float | None], ceiling: float, rng: random.Random,
               jitter: float = JITTER) -> float:
    """The jittered interval, raised to the largest server floor (feed TTL, max-age, Expires) up to the ceiling."""
    floor = max((f for f in floors if f is not None), default=0.0)
    return max(jittered(interval, rng, jitter), min(floor, ceiling))
