"""Header questions: Retry-After, Cache-Control max-age, Expires; and the adaptive schedule."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from services.poller.headers import freshness_seconds, retry_after_seconds
from services.poller.schedule import adaptive_interval, next_delay

NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120.0), ("Sun, 01 Jun 2025 13:00:00 GMT", 3600.0), ("Sun, 01 Jun 2025 11:00:00 GMT", 0.0),
     ("soon", None), ("", None), ("-5", None)],
    ids=["delta", "date", "past-date", "garbage", "empty", "negative"],
)
def test_retry_after(value: str, seconds: float | None) -> None:
    assert retry_after_seconds({"retry-after": value}, NOW) == seconds


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [({"cache-control": "public, max-age=600"}, 600.0), ({"cache-control": "s-maxage=60"}, 60.0),
     ({"cache-control": "max-age=600, no-cache"}, None), ({"expires": "Sun, 01 Jun 2025 12:30:00 GMT"}, 1800.0),
     ({"expires": "0"}, None), ({"cache-control": "max-age=60", "expires": "Sun, 01 Jun 2025 14:00:00 GMT"}, 60.0),
     ({}, None)],
    ids=["max-age", "s-maxage", "no-cache", "expires", "expires-invalid", "max-age-wins", "none"],
)
def test_freshness(headers: dict[str, str], seconds: float | None) -> None:
    assert freshness_seconds(headers, NOW) == seconds


@pytest.mark.parametrize(
    ("ages_hours", "interval"),
    [([], 900.0), ([1] * 7, 86400.0), ([i for i in range(168)], 3600.0), ([1] * 10000, 300.0), ([400], 86400.0)],
    ids=["no-dates-default", "daily", "hourly", "floor", "stale-ceiling"],
)
def test_adaptive_interval(ages_hours: list[int], interval: float) -> None:
    dates = [NOW - dt.timedelta(hours=h) for h in ages_hours]
    assert adaptive_interval(dates, NOW, 900.0, 300.0, 86400.0) == interval


def test_floors_raise_the_delay_up_to_the_ceiling() -> None:
    rng = random.Random(1)
    assert next_delay(600.0, [None, 7200.0], 86400.0, rng, jitter=0.0) == 7200.0
    assert next_delay(600.0, [10**9], 86400.0, rng, jitter=0.0) == 86400.0
    assert next_delay(600.0, [], 86400.0, rng, jitter=0.0) == 600.0
