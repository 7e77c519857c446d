"""Counters of what the poller did, for logs and a later metrics endpoint."""

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
    bytes_fetched: int = 0
    items_published: int = 0
    items_rejected: int = 0
    pages_fetched: int = 0
    page_errors: Counter[str] = field(default_factory=Counter)

    def snapshot(self) -> dict[str, int]:
        """Flat name → value pairs (errors as feed_errors.<kind>, page_errors.<kind>)."""
        flat = {k: v for k, v in vars(self).items() if isinstance(v, int)}
        flat.update({f"feed_errors.{kind}": n for kind, n in self.feed_errors.items()})
        flat.update({f"page_errors.{kind}": n for kind, n in self.page_errors.items()})
        return flat
