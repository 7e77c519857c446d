"""Announcing new event versions: which rows are new, late commits within the slack, and the shared poll."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from services.web.live import Hub, VersionWatch
from services.web.store import Stamp
from tests.unit.web.fakes import T0, FakeReader, record

MIN = dt.timedelta(minutes=1)


V1, V2 = (1, 0), (2, 0)


@pytest.mark.parametrize(("first", "then", "announced"), [
    pytest.param([], [("a", V1, T0)], ["a"], id="new-event"),
    pytest.param([("a", V1, T0)], [("a", V1, T0)], [], id="same-version-again"),
    pytest.param([("a", V1, T0)], [("a", V2, T0 + MIN)], ["a"], id="new-version"),
    pytest.param([("a", V2, T0)], [("a", V1, T0)], [], id="older-version-late"),
    pytest.param([("a", V1, T0 + 5 * MIN)], [("a", V1, T0 + 5 * MIN), ("b", V1, T0)], ["b"],
                 id="committed-late-within-slack"),
    pytest.param([("a", V1, T0)], [("a", (1, 1), T0)], ["a"], id="a-copy-found-later"),
])
def test_version_watch(first: list[tuple[str, Stamp, dt.datetime]], then: list[tuple[str, Stamp, dt.datetime]],
                       announced: list[str]) -> None:
    watch = VersionWatch(slack=10 * MIN)
    watch.changed(first)
    assert watch.changed(then) == announced


def test_the_watch_looks_back_by_the_slack_and_forgets_older_versions() -> None:
    watch = VersionWatch(slack=10 * MIN)
    assert watch.since() < T0
    watch.changed([("a", V1, T0), ("b", V1, T0 + 30 * MIN)])
    assert watch.since() == T0 + 20 * MIN
    assert set(watch.known) == {"b"}


async def test_the_hub_announces_only_what_is_stored_after_subscribing() -> None:
    reader = FakeReader([record("old")])
    hub = Hub(reader, poll_seconds=0.01)
    async with hub.subscribe() as queue:
        reader.store(record("new"), T0 + MIN)
        reader.store(record("old", version=2), T0 + MIN)
        got = [await asyncio.wait_for(queue.get(), 5) for _ in range(2)]
        assert sorted((r["event_id"], r["version"]) for r in got) == [("new", 1), ("old", 2)]
        assert queue.empty()
    await hub.close()
    assert not hub.queues and hub.task is None
