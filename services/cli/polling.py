"""Wiring the poller for a command: feed list loaded, feeds stored, items published to news.raw."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaProducer

from schemas.records import RawArticle
from schemas.topics import RAW
from services.common.codecs import encode, encode_key
from services.common.producer import make_producer
from services.common.settings import Settings
from services.poller.feedlist import load_feed_list
from services.poller.fetch import Fetcher
from services.poller.models import FeedSpec
from services.poller.service import Poller
from services.poller.sharing import SharedFeeds, announce
from services.poller.store import PostgresFeedStore


@dataclass
class FeedPolling:
    """A ready poller, the feed URLs it polls, and the producer behind it (flush before counting on delivery)."""

    poller: Poller
    urls: list[str]
    producer: AIOKafkaProducer


def stop_on_signals(stop: asyncio.Event) -> None:
    """Set ``stop`` on SIGINT or SIGTERM."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)


def shared_feeds(settings: Settings, bootstrap_servers: str) -> SharedFeeds | None:
    """The news.feeds consumer-group source when poller.shared_feeds is set."""
    if not settings.poller.shared_feeds:
        return None
    return SharedFeeds(bootstrap_servers, settings.poller.group_id,
                       rebalance_timeout_seconds=settings.kafka.rebalance_timeout_seconds,
                       session_timeout_seconds=settings.kafka.session_timeout_seconds)


@contextlib.asynccontextmanager
async def feed_polling(settings: Settings, bootstrap_servers: str, pool: asyncpg.Pool, feeds: str,
                       allow_private: bool) -> AsyncIterator[FeedPolling]:
    """A poller publishing to news.raw, its HTTP client and producer closed on exit."""
    producer = make_producer(bootstrap_servers, settings.kafka, linger_ms=5)
    await producer.start()
    fetcher = Fetcher(settings.poller, allow_private=allow_private)
    try:
        async def publish(raw: RawArticle) -> None:
            await producer.send_and_wait(RAW.name, key=encode_key(raw.article_id), value=encode(raw))

        async def moved(old: str, new: str) -> None:
            await announce(producer, [FeedSpec(new)], removed=[old])

        specs = await load_feed_list(feeds, fetcher)
        store = PostgresFeedStore(pool)
        await store.upsert_feeds(specs)
        source = shared_feeds(settings, bootstrap_servers)
        if source is not None:  # every stored feed goes on news.feeds; the group shares them out
            await announce(producer, [FeedSpec(f.feed_url, f.title) for f in await store.list_feeds()])
        poller = Poller(store, fetcher, publish, settings.poller, allow_private=allow_private,
                        on_move=moved if source is not None else None, feed_source=source,
                        record_bytes=settings.kafka.raw_record_bytes)
        yield FeedPolling(poller, [spec.url for spec in specs], producer)
    finally:
        await fetcher.aclose()
        await producer.stop()
