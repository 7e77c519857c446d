"""Statistics helpers: min/median/max summaries and percentiles."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError("q must lie in 0..100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: Sequence[float], digits: int = 1) -> dict[str, Any]:
    """min/median/max (and how many runs) of repeated measurements."""
    if not values:
        raise ValueError("summary of no values")
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits),
            "max": round(max(values), digits), "runs": len(values)}


def latency_summary(latencies_ms: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99 and max of one run's latencies (milliseconds)."""
    return {"p50": round(percentile(latencies_ms, 50), 1), "p95": round(percentile(latencies_ms, 95), 1),
            "p99": round(percentile(latencies_ms, 99), 1), "max": round(max(latencies_ms), 1),
            "samples": len(latencies_ms)}
