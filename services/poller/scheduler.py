"""Polling one feed on its schedule until told to stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from services.poller.models import FeedState, PollResult
from services.poller.store import Clock, FeedStore

logger = logging.getLogger("newsflow.poller.scheduler")


async def stopped(stop: asyncio.Event, seconds: float) -> bool:
    """Wait up to seconds; True as soon as stop is set."""
    try:
        async with asyncio.timeout(max(seconds, 0.0)):
            await stop.wait()
    except TimeoutError:
        return False
    return True


class FeedLoop:
    """Sleeps until a feed is due, polls it, repeats; the schedule is re-read from the store every time."""

    def __init__(
        self,
        poll: Callable[[str], Awaitable[PollResult]],
        store: FeedStore,
        interval: Callable[[FeedState | None], float],
        clock: Clock,
    ) -> None:
        self._poll, self._store, self._interval, self._clock = poll, store, interval, clock

    async def run(self, feed_url: str, stop: asyncio.Event) -> None:
        """Poll feed_url whenever its next_poll_at comes, until stop is set."""
        just_polled = False
        while not stop.is_set():
            delay = await self.seconds_until_due(feed_url, just_polled)
            if delay > 0:
                if await stopped(stop, delay):
                    return
                just_polled = False
                continue
            await self._poll(feed_url)
            just_polled = True

    async def seconds_until_due(self, feed_url: str, just_polled: bool) -> float:
        """Seconds until next_poll_at; a full interval when disabled, unreadable, or a poll did not reschedule it.

        The last case guards against a hot loop when the store cannot record a poll's outcome.
        """
        try:
            state = await self._store.get_state(feed_url)
        except Exception:
            logger.exception("cannot read the feed's state", extra={"feed_url": feed_url})
            return self._interval(None)
        if state is not None and not state.enabled:
            return self._interval(state)
        next_poll_at = state.next_poll_at if state else None
        due = 0.0 if next_poll_at is None else (next_poll_at - self._clock()).total_seconds()
        return self._interval(state) if just_polled and due <= 0 else due
