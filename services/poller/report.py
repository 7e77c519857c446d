"""What `newsflow feeds list`, `feeds stats` and `feeds lost` print: tables, JSON lines or totals."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict

from tabulate import tabulate

from services.poller.models import FeedState, LostItem


def ago(when: dt.datetime | None, now: dt.datetime) -> str:
    """A short relative time: '5m ago', 'in 2h', or '-'."""
    if when is None:
        return "-"
    seconds = (when - now).total_seconds()
    size = abs(seconds)
    text = f"{size:.0f}s" if size < 120 else f"{size / 60:.0f}m" if size < 7200 else f"{size / 3600:.1f}h"
    return f"in {text}" if seconds > 0 else f"{text} ago"


def error_kind(error: str | None) -> str | None:
    """The kind word a stored error starts with ('timeout: ...' → 'timeout')."""
    return error.split(":", 1)[0] if error and ":" in error else error


def feeds_table(feeds: Sequence[FeedState], now: dt.datetime) -> str:
    """One row per feed: state, last success, last error, error count, next poll, items seen, URL."""
    rows = [[f.status, ago(f.last_success_at, now), ago(f.last_error_at, now),
             ((f.disabled_reason or f.last_error or "")[:50]), f.error_count,
             ago(f.next_poll_at, now) if f.enabled else "-", f.items_seen, f.feed_url] for f in feeds]
    headers = ["state", "last success", "last error", "error", "errors", "next poll", "items", "feed"]
    return tabulate(rows, headers=headers, tablefmt="simple")


def feeds_json(feeds: Sequence[FeedState]) -> str:
    """One JSON object per feed and line (times in ISO 8601)."""
    return "".join(json.dumps({**asdict(f), "state": f.status}, default=str) + "\n" for f in feeds)


def feeds_stats(feeds: Sequence[FeedState], now: dt.datetime) -> dict[str, object]:
    """Totals over the stored feeds: by state, items seen, errors by kind, due and polled recently."""
    hour_ago = now - dt.timedelta(hours=1)
    return {
        "feeds": len(feeds),
        "by_state": dict(Counter(f.status for f in feeds)),
        "items_seen": sum(f.items_seen for f in feeds),
        "failing_by_error_kind": dict(Counter(error_kind(f.last_error) for f in feeds if f.error_count)),
        "disabled_by_reason": dict(Counter((f.disabled_reason or "by hand") for f in feeds if not f.enabled)),
        "succeeded_last_hour": sum(1 for f in feeds if f.last_success_at and f.last_success_at >= hour_ago),
        "due_now": sum(1 for f in feeds if f.enabled and (f.next_poll_at is None or f.next_poll_at <= now)),
    }


def lost_table(items: Sequence[LostItem], now: dt.datetime) -> str:
    """One row per lost item: attempts, first and last failure, reason, feed and link."""
    rows = [[i.attempts, ago(i.first_failed_at, now), ago(i.last_failed_at, now), i.reason[:60], i.feed_url,
             i.url[:80]] for i in items]
    headers = ["attempts", "first failed", "last failed", "reason", "feed", "link"]
    return tabulate(rows, headers=headers, tablefmt="simple") if rows else "no lost items"


def lost_json(items: Sequence[LostItem]) -> str:
    """One JSON object per lost item and line (times in ISO 8601)."""
    return "".join(json.dumps(asdict(i), default=str) + "\n" for i in items)
