"""Keeping ``newsflow run``'s parts alive: the stream worker process, the sink and the poller, restarted with backoff.

Each part is a ``Child``: something that can be started, asked whether it still runs (and why not) and stopped.
``supervise`` checks them every second; a part that stopped while the run goes on is logged with its reason and
started again after a delay that doubles with each restart in a row (1 s up to a minute), and is reset once the
part has run for ``STEADY_SECONDS``. Restarts are counted per part, for the run's summary and health.

Hazard: restarting is safe because every part is: the worker recovers its tables from their changelogs and
resumes from its committed offsets, the sink re-reads its uncommitted batch (idempotent upserts), and the poller
re-polls feeds whose items it had not marked seen.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Protocol

from services.poller.scheduler import stopped

log = logging.getLogger("newsflow.run")

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0
STEADY_SECONDS = 120.0  # a part that ran this long is healthy again: its next restart waits the first delay
CHECK_SECONDS = 1.0


class Child(Protocol):
    """A part of the run that can stop on its own."""

    name: str

    def start(self) -> None:
        """Start (or start again) the part."""

    def stopped(self) -> str | None:
        """Why the part is no longer running, or None while it runs."""


class TaskChild:
    """A part that is a coroutine in this process (the sink, the poller), run as a task."""

    def __init__(self, name: str, run: Callable[[], Awaitable[None]]) -> None:
        self.name, self._run = name, run
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Create the task."""
        self.task = asyncio.ensure_future(self._run())
        self.task.set_name(self.name)

    def stopped(self) -> str | None:
        """Why the task ended (its exception, or that it returned), or None while it runs."""
        if self.task is None or not self.task.done():
            return None
        if self.task.cancelled():
            return "cancelled"
        exc = self.task.exception()
        return f"{type(exc).__name__}: {exc}" if exc else "returned"

    async def stop(self, deadline: float) -> None:
        """Wait up to ``deadline`` seconds for the task to end (its stop event is set by the caller), then cancel."""
        if self.task is None:
            return
        done, _ = await asyncio.wait({self.task}, timeout=deadline)
        if not done:
            self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


async def supervise(children: list[Child], stop: asyncio.Event, restarts: Counter[str],
                    check_seconds: float = CHECK_SECONDS) -> None:
    """Restart any child that stopped, with backoff, until ``stop`` is set; count the restarts in ``restarts``."""
    delays = {child.name: FIRST_DELAY_SECONDS for child in children}
    started = {child.name: time.monotonic() for child in children}
    while not await stopped(stop, check_seconds):
        for child in children:
            reason = child.stopped()
            if reason is None:
                continue
            if time.monotonic() - started[child.name] >= STEADY_SECONDS:
                delays[child.name] = FIRST_DELAY_SECONDS
            delay = delays[child.name]
            restarts[child.name] += 1
            log.error("%s stopped (%s); restarting it in %.0f s (restart %d)", child.name, reason, delay,
                      restarts[child.name], extra={"part": child.name, "restarts": restarts[child.name]})
            if await stopped(stop, delay):
                return
            child.start()
            started[child.name] = time.monotonic()
            delays[child.name] = min(delay * 2, MAX_DELAY_SECONDS)

