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
from services.common.settings import Settings
from services.poller.feedlist import load_feed_list
from services.poller.fetch import Fetcher
from services.poller.service import Poller
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


@contextlib.asynccontextmanager
async def feed_polling(settings: Settings, bootstrap_servers: str, pool: asyncpg.Pool, feeds: str,
                       allow_private: bool) -> AsyncIterator[FeedPolling]:
    """A poller publishing to news.raw, its HTTP client and producer closed on exit."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all", linger_ms=5)
    await producer.start()
    fetcher = Fetcher(settings.poller, allow_private=allow_private)
    try:
        async def publish(raw: RawArticle) -> None:
            await producer.send_and_wait(RAW.name, key=encode_key(raw.article_id), value=encode(raw))

        specs = await load_feed_list(feeds, fetcher)
        store = PostgresFeedStore(pool)
        await store.upsert_feeds(specs)
        poller = Poller(store, fetcher, publish, settings.poller, allow_private=allow_private)
        yield FeedPolling(poller, [spec.url for spec in specs], producer)
    finally:
        await fetcher.aclose()
        await producer.stop()
