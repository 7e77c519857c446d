"""A large event's oldest mentions live in chunk keys: an update rewrites a bounded value, a reload rebuilds it."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.records import Event, EventMention
from services.clusterer import cluster
from services.clusterer.chunks import CHUNK, split_key
from services.clusterer.cluster import OpenEvents
from services.clusterer.state import BlockState
from tests.unit.factories import NOW, mention

WINDOW = dt.timedelta(days=30)


def _reports(n: int) -> list[EventMention]:
    """``n`` reports of one protest from 7 outlets, published an hour apart."""
    return [mention(f"m{i:03d}", source=f"outlet{i % 7}", published=NOW + dt.timedelta(hours=i),
                    sentence=f"Farmers protested in Rennes, report {i}.") for i in range(n)]


def _apply(table: dict[bytes, bytes], writes: dict[bytes, bytes | None]) -> None:
    for key, value in writes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value


def _through_table(reports: list[EventMention], restart_each: bool) -> tuple[dict[bytes, bytes], list[Event],
                                                                              list[dict[bytes, bytes | None]]]:
    table: dict[bytes, bytes] = {}
    live, versions, writes = OpenEvents(WINDOW), [], []
    for m in reports:
        if restart_each:
            live = OpenEvents(WINDOW)
            live.load(table.items())
        outcome = live.handle(m, NOW)
        _apply(table, outcome.writes)
        versions.append(outcome.event)
        writes.append(outcome.writes)
    return table, versions, writes


def test_an_update_rewrites_at_most_a_chunk_of_mentions_and_writes_each_chunk_once() -> None:
    table, versions, writes = _through_table(_reports(100), restart_each=False)
    assert versions[-1].version == 100
    chunks = sorted(split_key(k)[1] for k in table if split_key(k)[1] is not None)  # type: ignore[type-var]
    assert chunks == [0, 1, 2]  # 96 mentions frozen, 4 in the event's own value
    own = [v for k, v in table.items() if split_key(k)[1] is None]
    assert len(own) == 1 and len(BlockState.load(own[0]).events[0].mentions) == 100 - 3 * CHUNK
    assert max(len(w) for w in writes) == 2  # the event's value and, once in a chunk's reports, a chunk
    assert sum(1 for w in writes for k in w if split_key(k)[1] is not None) == 3


def test_a_reload_from_the_chunks_gives_the_same_versions_as_memory() -> None:
    reports = _reports(80)
    _, in_memory, _ = _through_table(reports, restart_each=False)
    _, reloaded, _ = _through_table(reports, restart_each=True)
    assert [e.model_dump() for e in reloaded] == [e.model_dump() for e in in_memory]
    assert reloaded[-1].num_sources == 7 and reloaded[-1].num_articles == 80


def test_past_the_limit_the_oldest_chunk_is_deleted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "MAX_KEPT_MENTIONS", 3 * CHUNK)
    table, versions, writes = _through_table(_reports(3 * CHUNK + 1), restart_each=True)
    assert sum(1 for w in writes for k, v in w.items() if v is None and split_key(k)[1] == 0) == 1
    assert sorted(n for k in table if (n := split_key(k)[1]) is not None) == [1, 2]
    assert (versions[-1].version, versions[-1].num_mentions, versions[-1].num_articles) == (97, 97, 2 * CHUNK + 1)


def test_closing_a_large_event_deletes_its_chunks() -> None:
    table, _, _ = _through_table(_reports(70), restart_each=False)
    fresh = OpenEvents(WINDOW)
    fresh.load(table.items())
    later = NOW + WINDOW + dt.timedelta(days=10)
    outcome = fresh.handle(mention("late", article_id="late", day=later.date()), later)
    _apply(table, outcome.writes)
    assert sorted(v is None for v in outcome.writes.values()) == [False, True, True, True]
    assert len(table) == 1 and fresh.state_bytes() == sum(len(k) + len(v) for k, v in table.items())


def test_state_bytes_count_the_chunks() -> None:
    table, _, _ = _through_table(_reports(70), restart_each=False)
    fresh = OpenEvents(WINDOW)
    fresh.load(table.items())
    assert fresh.state_bytes() == sum(len(k) + len(v) for k, v in table.items())
