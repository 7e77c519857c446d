"""Counters of what the poller did, for the per-round log line and `newsflow feeds stats`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class PollerMetrics:
    """Running totals since the poller started; one instance per Poller, updated in place."""

    feeds_polled: int = 0
    feeds_ok: int = 0
    feeds_not_modified: int = 0
    feed_errors: Counter[str] = field(default_factory=Counter)
    feeds_disabled: int = 0
    feeds_moved: int = 0
    bytes_fetched: int = 0
    items_published: int = 0
    items_lost: int = 0
    items_trimmed: int = 0
    items_rejected: int = 0
    items_duplicate: int = 0
    pages_fetched: int = 0
    page_errors: Counter[str] = field(default_factory=Counter)
    poll_seconds_total: float = 0.0
    poll_seconds_max: float = 0.0

    def observe_poll(self, seconds: float) -> None:
        """Add one poll's latency (fetch, parse, pages and publish)."""
        self.poll_seconds_total += seconds
        self.poll_seconds_max = max(self.poll_seconds_max, seconds)

    def snapshot(self) -> dict[str, float]:
        """Flat name → value pairs (errors as feed_errors.<kind>, page_errors.<kind>)."""
        flat: dict[str, float] = {k: v for k, v in vars(self).items() if isinstance(v, int | float)}
        flat.update({f"feed_errors.{kind}": n for kind, n in self.feed_errors.items()})
        flat.update({f"page_errors.{kind}": n for kind, n in self.page_errors.items()})
        flat["poll_seconds_avg"] = self.poll_seconds_total / self.feeds_polled if self.feeds_polled else 0.0
        return flat

    def log_line(self) -> str:
        """One line for the log: every counter as name=value."""
        return " ".join(f"{k}={round(v, 3) if isinstance(v, float) else v}" for k, v in sorted(self.snapshot().items()))
