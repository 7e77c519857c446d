"""The run's judgements: sink committing, the progress line, nothing fetched, restarts per part."""

from __future__ import annotations

from collections import Counter

import pytest

from services.ops.checks import nothing_fetched, progress_line, restarts_of, sink_check
from services.poller.metrics import PollerMetrics
from services.sink.service import SinkMetrics

NOW = 1_000_000.0


@pytest.mark.parametrize(("consuming_since", "last_commit", "lag", "expected"), [
    pytest.param(0.0, 0.0, 0, (False, "its consumer is not running"), id="not-consuming"),
    pytest.param(NOW - 500, 0.0, 0, (True, "caught up (no commit yet)"), id="idle-never-committed"),
    pytest.param(NOW - 500, NOW - 400, 0, (True, "caught up (last commit 400 s ago)"), id="idle"),
    pytest.param(NOW - 500, NOW - 10, 7, (True, "7 records to store (last commit 10 s ago)"), id="busy"),
    pytest.param(NOW - 500, NOW - 200, 7, (False, "7 records waiting and nothing committed for 200 s"),
                 id="stalled"),
    pytest.param(NOW - 500, 0.0, 3, (False, "3 records waiting and nothing committed for 500 s"),
                 id="stalled-never-committed"),
    pytest.param(NOW - 500, NOW - 10, None, (True, "caught up (last commit 10 s ago)"), id="lag-unknown"),
])
def test_sink_check(consuming_since: float, last_commit: float, lag: int | None,
                    expected: tuple[bool, str]) -> None:
    metrics = SinkMetrics(consuming_since=consuming_since, last_commit=last_commit)
    assert sink_check(metrics, lag, 120.0, NOW) == expected


def test_nothing_fetched_waits_for_every_feed_then_names_the_kinds() -> None:
    metrics = PollerMetrics(feed_errors=Counter({"connection": 7}))
    assert nothing_fetched(metrics, 8) is None  # one feed not tried yet
    metrics.feed_errors["http_status"] += 1
    message = nothing_fetched(metrics, 8)
    assert message is not None
    assert message.startswith("no feed could be fetched: all 8 failed (connection 7, http_status 1); ")
    assert "`make demo`" in message


def test_nothing_fetched_is_none_once_one_feed_answered() -> None:
    assert nothing_fetched(PollerMetrics(feeds_not_modified=1, feed_errors=Counter({"dns": 7})), 8) is None
    assert nothing_fetched(PollerMetrics(feeds_ok=1, feed_errors=Counter({"dns": 7})), 8) is None


def test_progress_line() -> None:
    poller = PollerMetrics(feeds_polled=10, feeds_not_modified=3, feed_errors=Counter({"dns": 2}),
                           items_published=40, items_lost=1)
    sink = SinkMetrics(articles=35, duplicates=4, events_published=20, dead_letters=1)
    assert progress_line(poller, sink, 12, 1) == (
        "progress: 10 feed polls (2 failed, 3 not modified), 40 items published, 1 lost; stored 35 articles, "
        "4 duplicates, 20 event versions, 1 dead letters; lag 12; 1 restarts")
    assert progress_line(None, SinkMetrics(), None, None) == (  # newsflow sink
        "progress: stored 0 articles, 0 duplicates, 0 event versions, 0 dead letters; lag unknown")
    assert progress_line(poller, None, None, None) == (  # newsflow poller
        "progress: 10 feed polls (2 failed, 3 not modified), 40 items published, 1 lost")


def test_restarts_list_every_part() -> None:
    assert restarts_of(Counter({"sink": 2}), ["stream worker", "sink", "poller"]) == \
        {"poller": 0, "sink": 2, "stream worker": 0}
