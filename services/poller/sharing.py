"""Sharing feeds among pollers: the compacted news.feeds topic (key feed URL), read by one consumer group.

Each poller polls only the feeds on the partitions assigned to it. On a
rebalance the revoke callback stops the loops of the revoked partitions and
waits (up to ``drain_seconds``, below the rebalance timeout) for polls in
flight to finish; the group protocol gives those partitions to another member
only after that callback returned, so no feed is polled by two pollers at
once. A poll still running after the deadline is cancelled: its items may be
published again by the new owner (article_id keeps that idempotent).
Offsets are never committed: every assignment reads its partitions from the start.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition

from schemas.topics import FEEDS
from services.poller.models import FeedSpec
from services.poller.scheduler import FeedLoop

logger = logging.getLogger("newsflow.poller.sharing")


def feed_value(spec: FeedSpec) -> bytes:
    """The news.feeds record of a feed: JSON with its URL and title."""
    return json.dumps({"feed_url": spec.url, "title": spec.title, "schema_version": 1}).encode()


async def announce(producer: AIOKafkaProducer, feeds: Iterable[FeedSpec] = (), removed: Iterable[str] = ()) -> None:
    """Publish feeds to news.feeds and tombstones for removed URLs; waits for every acknowledgement."""
    sent = [await producer.send(FEEDS.name, key=spec.url.encode(), value=feed_value(spec)) for spec in feeds]
    sent += [await producer.send(FEEDS.name, key=url.encode(), value=None) for url in removed]
    await asyncio.gather(*sent)


class SharedFeeds(ConsumerRebalanceListener):
    """Runs a FeedLoop for every feed on this member's partitions of news.feeds."""

    def __init__(self, bootstrap_servers: str, group_id: str, *, rebalance_timeout_seconds: float,
                 session_timeout_seconds: float) -> None:
        self._bootstrap, self._group = bootstrap_servers, group_id
        self._rebalance, self._session = rebalance_timeout_seconds, session_timeout_seconds
        self._tasks: dict[int, dict[str, asyncio.Task[None]]] = {}
        self._stops: dict[int, asyncio.Event] = {}
        self._loop: FeedLoop | None = None
        self.assigned: set[int] = set()

    @property
    def feeds(self) -> set[str]:
        """Feed URLs this member is polling now."""
        return {url for tasks in self._tasks.values() for url in tasks}

    async def run(self, loop: FeedLoop, stop: asyncio.Event) -> None:
        """Consume news.feeds in the group and poll the assigned feeds until stop is set; leaving hands them back."""
        self._loop = loop
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap, group_id=self._group, enable_auto_commit=False,
            auto_offset_reset="earliest", rebalance_timeout_ms=int(self._rebalance * 1000),
            session_timeout_ms=int(self._session * 1000), heartbeat_interval_ms=min(1000, int(self._session * 300)),
        )
        consumer.subscribe([FEEDS.name], listener=self)
        await consumer.start()
        try:
            while not stop.is_set():
                batches = await consumer.getmany(timeout_ms=300)
                for tp, records in batches.items():
                    for record in records:
                        self._apply(tp.partition, record.key, record.value)
        finally:
            await self._drop(list(self._tasks))
            await consumer.stop()

    def _apply(self, partition: int, key: bytes | None, value: bytes | None) -> None:
        """Start the loop of an announced feed; stop the loop of a tombstoned one."""
        if key is None or partition not in self.assigned or self._loop is None:
            return
        url, tasks = key.decode(), self._tasks.setdefault(partition, {})
        if value is None:
            if (task := tasks.pop(url, None)) is not None:
                task.cancel()
            return
        if url not in tasks or tasks[url].done():
            stop = self._stops.setdefault(partition, asyncio.Event())
            tasks[url] = asyncio.create_task(self._loop.run(url, stop), name=f"feed {url}")

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        """Stop the revoked partitions' loops and let their polls finish before the partitions move."""
        await self._drop([tp.partition for tp in revoked if tp.topic == FEEDS.name])

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        """Remember the new partitions; their records (read from the start) start the loops."""
        self.assigned = {tp.partition for tp in assigned if tp.topic == FEEDS.name}
        logger.info("news.feeds partitions assigned: %s", sorted(self.assigned))

    async def _drop(self, partitions: list[int]) -> None:
        """Stop every loop of the partitions: gracefully within drain_seconds, then cancelled."""
        tasks: list[asyncio.Task[Any]] = []
        for partition in partitions:
            self.assigned.discard(partition)
            self._stops.pop(partition, asyncio.Event()).set()
            tasks += self._tasks.pop(partition, {}).values()
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=self._rebalance * 0.8)
        for task in pending:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks, return_exceptions=True)
        logger.info("stopped polling %d feeds of partitions %s", len(tasks), sorted(partitions))
