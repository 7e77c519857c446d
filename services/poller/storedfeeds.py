"""StoredFeeds: one FeedLoop per enabled stored feed, the store re-listed every recheck_seconds."""

from __future__ import annotations

import asyncio
import logging

from services.poller.scheduler import FeedLoop, stopped
from services.poller.store import FeedStore

logger = logging.getLogger("newsflow.poller.storedfeeds")


class StoredFeeds:
    """Feed source when not sharing: a loop per enabled stored feed, added/enabled ones joining within recheck."""

    def __init__(self, store: FeedStore, recheck_seconds: float) -> None:
        self._store, self._recheck = store, recheck_seconds
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._stops: dict[str, asyncio.Event] = {}

    @property
    def feeds(self) -> set[str]:
        """Feed URLs with a loop running now."""
        return {url for url, task in self._tasks.items() if not task.done()}

    def moved(self, old_url: str, new_url: str) -> None:
        """A feed moved (301/308): its loop, following it, now stands for new_url, or ends if that one has a loop."""
        task, event = self._tasks.pop(old_url, None), self._stops.pop(old_url, None)
        if task is None or event is None:
            return
        if new_url in self._tasks and not self._tasks[new_url].done():
            event.set()
            return
        self._tasks[new_url], self._stops[new_url] = task, event

    async def run(self, loop: FeedLoop, stop: asyncio.Event) -> None:
        """Keep the loops in step with the store until stop is set; polls in flight then finish."""
        async with asyncio.TaskGroup() as group:
            while True:
                await self._sync(loop, group)
                if await stopped(stop, self._recheck):
                    break
            for event in self._stops.values():
                event.set()

    async def _sync(self, loop: FeedLoop, group: asyncio.TaskGroup) -> None:
        """Start loops for enabled feeds without one; stop those of feeds no longer stored or enabled."""
        try:
            wanted = {state.feed_url for state in await self._store.list_feeds() if state.enabled}
        except Exception:
            logger.exception("cannot list the stored feeds: the running loops go on")
            return
        for url in [url for url, task in self._tasks.items() if task.done()]:
            del self._tasks[url], self._stops[url]
        for url, event in self._stops.items():
            if url not in wanted:
                event.set()
        new = sorted(wanted - self._tasks.keys())
        for url in new:
            self._stops[url] = asyncio.Event()
            self._tasks[url] = group.create_task(loop.run(url, self._stops[url], stored=True), name=f"feed {url}")
        if new:
            logger.info("polling %d more stored feeds (%d in all)", len(new), len(self._tasks))
