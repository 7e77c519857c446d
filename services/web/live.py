"""New event versions as they are stored: one poll of ``events`` shared by every open /api/stream.

Hazard: the sink stores ``updated_at`` as the clusterer set it, not the commit time, so a version may be
committed after a later-stamped one. The watch therefore looks back ``slack`` behind the newest time it has
seen and remembers the versions in that window; a version stamped more than ``slack`` before the newest one
when it is committed (clocks that far apart) is not announced, and shows on the page's next load. A copy that
dedup finds later is written into the stored record without a new version or time (``sink/copies.py``), so
a version is compared with its number of copies too, and such a change is announced only within the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator
from typing import Any

from services.web.store import Reader, Stamp

log = logging.getLogger("newsflow.web")
SLACK = dt.timedelta(minutes=10)
POLL_SECONDS = 1.0
QUEUE_SIZE = 1000  # a subscriber further behind than this is dropped (its browser reconnects and reloads)


NOTHING: Stamp = (0, 0)


class VersionWatch:
    """Which events moved to a version not yet announced, from (id, (version, copies), updated_at) rows."""

    def __init__(self, slack: dt.timedelta = SLACK) -> None:
        self.slack = slack
        self.newest: dt.datetime | None = None
        self.known: dict[str, tuple[Stamp, dt.datetime]] = {}

    def since(self) -> dt.datetime:
        """Where the next look starts."""
        return (self.newest - self.slack) if self.newest else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

    def changed(self, rows: list[tuple[str, Stamp, dt.datetime]]) -> list[str]:
        """The ids among ``rows`` at a stamp above the one known (all of them are remembered)."""
        out = [event_id for event_id, stamp, _ in rows if stamp > self.known.get(event_id, (NOTHING, None))[0]]
        for event_id, stamp, at in rows:
            if stamp >= self.known.get(event_id, (NOTHING, at))[0]:
                self.known[event_id] = (stamp, at)
            self.newest = at if self.newest is None or at > self.newest else self.newest
        horizon = self.since()
        self.known = {k: v for k, v in self.known.items() if v[1] >= horizon}
        return out


class Hub:
    """Polls the reader while anyone listens and hands each changed record to every subscriber."""

    def __init__(self, reader: Reader, poll_seconds: float = POLL_SECONDS) -> None:
        self.reader = reader
        self.poll_seconds = poll_seconds
        self.watch = VersionWatch()
        self.queues: set[asyncio.Queue[dict[str, Any]]] = set()
        self.task: asyncio.Task[None] | None = None
        self.primed = False

    async def prime(self) -> None:
        """Remember what is stored now, so that only later versions are announced."""
        if not self.primed:
            self.watch.changed(await self.reader.versions_since(self.watch.since()))
            self.primed = True

    async def poll_once(self) -> int:
        """One look; returns how many records were handed out."""
        changed = self.watch.changed(await self.reader.versions_since(self.watch.since()))
        records = await self.reader.events_by_id(changed) if changed else []
        for queue in list(self.queues):
            for record in records:
                try:
                    queue.put_nowait(record)
                except asyncio.QueueFull:
                    self.queues.discard(queue)
                    log.warning("a live subscriber fell %d records behind and was dropped", QUEUE_SIZE)
                    break
        return len(records)

    async def _run(self) -> None:
        while self.queues:
            try:
                await self.poll_once()
            except Exception:  # a failed look is retried; the stream stays open
                log.exception("live poll failed")
            await asyncio.sleep(self.poll_seconds)
        self.task = None

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        """A queue of new records for as long as the caller listens."""
        await self.prime()
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(QUEUE_SIZE)
        self.queues.add(queue)
        if self.task is None:
            self.task = asyncio.create_task(self._run(), name="web-live-poll")
        try:
            yield queue
        finally:
            self.queues.discard(queue)

    async def close(self) -> None:
        """Stop polling."""
        self.queues.clear()
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None
