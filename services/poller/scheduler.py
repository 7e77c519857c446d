"""Polling one feed on its schedule until told to stop, or until the feed is removed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from services.poller.models import FeedState, PollResult
from services.poller.store import Clock, FeedStore

logger = logging.getLogger("newsflow.poller.scheduler")

RECHECK_SECONDS = 60.0


async def stopped(stop: asyncio.Event, seconds: float) -> bool:
    """Wait up to seconds; True as soon as stop is set."""
    try:
        async with asyncio.timeout(max(seconds, 0.0)):
            await stop.wait()
    except TimeoutError:
        return False
    return True


class FeedLoop:
    """Sleeps until a feed is due, polls it, repeats; the schedule is re-read from the store every time.

    Sleeps are cut to recheck_seconds, so a feed enabled, rescheduled or removed
    from the CLI (another process) is noticed within that time.
    """

    def __init__(
        self,
        poll: Callable[[str], Awaitable[PollResult]],
        store: FeedStore,
        interval: Callable[[FeedState | None], float],
        clock: Clock,
        *,
        follow_moves: bool = True,
        recheck_seconds: float = RECHECK_SECONDS,
    ) -> None:
        self._poll, self._store, self._interval, self._clock = poll, store, interval, clock
        self._follow, self._recheck = follow_moves, recheck_seconds
        self._known: set[str] = set()

    async def run(self, feed_url: str, stop: asyncio.Event, *, stored: bool = False) -> None:
        """Poll feed_url when due until stop is set or the feed is gone (stored: missing means removed, not new)."""
        if stored:
            self._known.add(feed_url)
        just_polled = False
        while not stop.is_set():
            delay = await self.seconds_until_due(feed_url, just_polled)
            if delay is None:
                logger.info("feed no longer stored: its loop ends", extra={"feed_url": feed_url})
                return
            if delay > 0:
                if await stopped(stop, min(delay, self._recheck)):
                    return
                just_polled = False
                continue
            result = await self._poll(feed_url)
            if self._follow and result.moved_to:
                feed_url = result.moved_to
            just_polled = True

    async def seconds_until_due(self, feed_url: str, just_polled: bool) -> float | None:
        """Seconds until next_poll_at; None when the feed was removed (after its first poll created it).

        A full interval when disabled, unreadable, or a poll did not reschedule it;
        the last case guards against a hot loop when the store cannot record a poll's outcome.
        """
        try:
            state = await self._store.get_state(feed_url)
        except Exception:
            logger.exception("cannot read the feed's state", extra={"feed_url": feed_url})
            return self._interval(None)
        if state is None:  # never stored yet (the poll creates it), or removed since this loop last read it
            return None if just_polled or feed_url in self._known else 0.0
        self._known.add(feed_url)
        if not state.enabled:
            return self._interval(state)
        next_poll_at = state.next_poll_at
        due = 0.0 if next_poll_at is None else (next_poll_at - self._clock()).total_seconds()
        return self._interval(state) if just_polled and due <= 0 else due

