"""Pure judgements on a run's counters: is the sink committing, what the progress line says, did no feed answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.poller.metrics import PollerMetrics
from services.sink.service import SinkMetrics

DEMO_HINT = ("check the network (or a proxy); `make demo` (`newsflow demo`) runs the pipeline on a bundled corpus "
             "with no network")


def sink_check(metrics: SinkMetrics, lag: int | None, stall_seconds: float, now: float) -> tuple[bool, str]:
    """Committing: its consumer runs, and it has committed within ``stall_seconds`` whenever it had records."""
    if not metrics.consuming_since:
        return False, "its consumer is not running"
    since = now - (metrics.last_commit or metrics.consuming_since)
    committed = f"last commit {since:.0f} s ago" if metrics.last_commit else "no commit yet"
    if not lag:
        return True, f"caught up ({committed})"
    if since > stall_seconds:
        return False, f"{lag} records waiting and nothing committed for {since:.0f} s"
    return True, f"{lag} records to store ({committed})"


def progress_line(poller: PollerMetrics | None, sink: SinkMetrics | None, lag: int | None,
                  restarts: int | None) -> str:
    """The periodic one-line summary of what this process's parts did (lag: its sampled groups')."""
    parts = []
    if poller is not None:
        failed = sum(poller.feed_errors.values())
        parts.append(f"{poller.feeds_polled} feed polls ({failed} failed, {poller.feeds_not_modified} not "
                     f"modified), {poller.items_published} items published, {poller.items_lost} lost")
    if sink is not None:
        parts.append(f"stored {sink.articles} articles, {sink.duplicates} duplicates, {sink.events_published} "
                     f"event versions, {sink.dead_letters} dead letters")
        parts.append(f"lag {'unknown' if lag is None else lag}")
    if restarts is not None:
        parts.append(f"{restarts} restarts")
    return "progress: " + "; ".join(parts)


def nothing_fetched(poller: PollerMetrics, feeds: int) -> str | None:
    """Once every feed was tried and none answered, the message saying so; else None."""
    failed = sum(poller.feed_errors.values())
    if feeds == 0 or poller.feeds_ok or poller.feeds_not_modified or failed < feeds:
        return None
    kinds = ", ".join(f"{kind} {n}" for kind, n in poller.feed_errors.most_common())
    return f"no feed could be fetched: all {feeds} failed ({kinds}); {DEMO_HINT}"


def restarts_of(restarts: Mapping[str, int], parts: Iterable[str]) -> dict[str, int]:
    """Restarts per part (every supervised part, restarted or not), for the health bodies."""
    return {part: restarts.get(part, 0) for part in sorted(set(parts) | set(restarts))}
