"""When a feed is polled next: its interval with ±10% jitter, or a geometric backoff after errors."""

from __future__ import annotations

import datetime as dt
import random

JITTER = 0.1
MAX_BACKOFF_SECONDS = 24 * 3600.0


def utcnow() -> dt.datetime:
    """The current time, aware and in UTC."""
    return dt.datetime.now(dt.UTC)


def jittered(interval_seconds: float, rng: random.Random | None = None) -> float:
    """interval_seconds spread by ±10%, so feeds added together do not stay in lockstep."""
    spread = (rng or random).uniform(-JITTER, JITTER)
    return interval_seconds * (1.0 + spread)


def backoff_seconds(error_count: int, interval_seconds: float) -> float:
    """Delay after the error_count-th error in a row: interval × 2^(n-1), at most a day (or the interval)."""
    exponent = max(error_count - 1, 0)
    cap = max(MAX_BACKOFF_SECONDS, interval_seconds)
    return min(interval_seconds * 2.0 ** min(exponent, 32), cap)
