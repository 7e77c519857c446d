"""FeedLoop: when a feed is due, and that a broken store never turns into a hot polling loop."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

import pytest

from services.poller.models import FeedSpec, FeedState, PollResult
from services.poller.scheduler import FeedLoop
from services.poller.store import InMemoryFeedStore

FEED = "https://gazette.example.test/rss.xml"
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)


class BrokenStore(InMemoryFeedStore):
    """A store whose reads fail, as a database that went away."""

    async def get_state(self, feed_url: str) -> FeedState | None:
        raise ConnectionError("database unavailable")


def interval(_state: FeedState | None) -> float:
    """A fixed 60 s interval."""
    return 60.0


async def no_poll(feed_url: str) -> PollResult:
    """A poll that must not happen."""
    raise AssertionError(f"polled {feed_url}")


async def store_with(**changes: object) -> InMemoryFeedStore:
    """An in-memory store holding FEED with the given state fields."""
    store = InMemoryFeedStore()
    await store.upsert_feeds([FeedSpec(FEED)])
    store.feeds[FEED] = dataclasses.replace(store.feeds[FEED], **changes)  # type: ignore[arg-type]
    return store


@pytest.mark.parametrize(
    ("changes", "just_polled", "delay"),
    [
        ({}, False, 0.0),
        ({"next_poll_at": NOW + dt.timedelta(seconds=30)}, False, 30.0),
        ({"next_poll_at": NOW - dt.timedelta(seconds=30)}, False, -30.0),
        ({"next_poll_at": NOW - dt.timedelta(seconds=30)}, True, 60.0),
        ({"enabled": False}, False, 60.0),
    ],
    ids=["never-polled", "due-later", "overdue", "poll-did-not-reschedule", "disabled"],
)
async def test_seconds_until_due(changes: dict[str, object], just_polled: bool, delay: float) -> None:
    loop = FeedLoop(no_poll, await store_with(**changes), interval, lambda: NOW)
    assert await loop.seconds_until_due(FEED, just_polled) == delay


async def test_unreadable_store_waits_a_full_interval() -> None:
    loop = FeedLoop(no_poll, BrokenStore(), interval, lambda: NOW)
    assert await loop.seconds_until_due(FEED, just_polled=False) == 60.0


async def test_stop_ends_a_sleeping_loop_at_once() -> None:
    loop = FeedLoop(no_poll, await store_with(next_poll_at=NOW + dt.timedelta(hours=1)), interval, lambda: NOW)
    stop = asyncio.Event()
    task = asyncio.create_task(loop.run(FEED, stop))
    await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=1)


async def test_loop_ends_when_the_feed_is_removed() -> None:
    store = await store_with(next_poll_at=NOW + dt.timedelta(hours=1))
    loop = FeedLoop(no_poll, store, interval, lambda: NOW, recheck_seconds=0.02)
    task = asyncio.create_task(loop.run(FEED, asyncio.Event()))
    await asyncio.sleep(0.05)
    await store.remove_feed(FEED)
    await asyncio.wait_for(task, timeout=1)


async def test_loop_follows_a_permanent_move() -> None:
    moved = "https://gazette.example.test/feed.atom"
    store = await store_with()
    polled: list[str] = []

    async def poll(url: str) -> PollResult:
        polled.append(url)
        if url == FEED:
            await store.move_feed(FEED, moved)
            return PollResult(FEED, "ok", moved_to=moved)
        await store.remove_feed(moved)
        return PollResult(moved, "ok")

    loop = FeedLoop(poll, store, interval, lambda: NOW, recheck_seconds=0.02)
    await asyncio.wait_for(loop.run(FEED, asyncio.Event()), timeout=1)
    assert polled == [FEED, moved]


async def test_a_loop_for_a_feed_read_from_the_store_never_recreates_it_once_removed() -> None:
    loop = FeedLoop(no_poll, InMemoryFeedStore(), interval, lambda: NOW)
    await asyncio.wait_for(loop.run(FEED, asyncio.Event(), stored=True), timeout=1)
