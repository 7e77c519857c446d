"""Faust agents: news.normalized → news.dedup-near (one key) → news.articles | news.duplicates.

The route agent, on every partition of news.normalized, computes what comparing costs (the MinHash digest and
LSH band keys, ``near.check_for``) and sends the article on with one key, so every article meets every other
on one deciding partition. There one agent checks, in order, the canonical URL and the content hash (the first
article seen with either wins, ``exact.py``) and the near-duplicate buckets (``decide.py``), and publishes the
article or its duplicate record. One message per article: its decision writes the URL and content-hash entries,
its five buckets and its signature to the tables' changelogs, against about 34 records per article when the
URL check, the content check, each LSH band and each candidate had partitions of their own (until stop 28).

Tables are changelog-backed raw bytes (``stream.raw_table``): a restarted worker recovers them before it
processes anything; all four are written only from the deciding partition's events, so state and input stay
co-partitioned. Entries older than the dedup window are ignored, and swept hourly (``sweep.py``).

Hazard (redelivery): an article delivered twice finds its own URL and content-hash entries (not copies of
anything) and its own signature, and is published again as it was decided; the sends are idempotent
downstream.

Upgrade: every dedup table took a new name with this layout (``dedup-url-digests``, ``dedup-hash-digests``,
``dedup-lsh64``, ``dedup-signatures``, ``dedup-pending`` and ``dedup-held`` are no longer read; news.dedup-by-url,
news.dedup-by-hash and news.dedup-by-band no longer written): on a Kafka deployment copies of articles seen
before the upgrade pass once (the embedded default rebuilds its tables from Postgres at every start). Drain the
pipeline before upgrading one: a news.dedup-near message of the previous format is dead-lettered.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import faust

from schemas.records import Article
from schemas.topics import ARTICLES, DEDUP_NEAR, DUPLICATES, NORMALIZED
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded, raw_table
from services.dedup import exact, lsh, signatures
from services.dedup.decide import Window, decide_in
from services.dedup.near import BUCKETS, DECIDING_KEY, HASHES, SIGNATURES, URLS, NearCheck, check_for
from services.dedup.sweep import SweepClock, partition_of, sweep_partition

Copy = tuple[Literal["url", "content", "near"], str, float]  # kind, original, similarity


class Dedup:
    """The dedup agents, their topics and the deciding partition's tables."""

    def __init__(self, app: faust.App, settings: Settings) -> None:
        self.normalized, self.near = bytes_topic(app, NORMALIZED.name), bytes_topic(app, DEDUP_NEAR.name)
        self.articles, self.duplicates = bytes_topic(app, ARTICLES.name), bytes_topic(app, DUPLICATES.name)
        self.dlq = dlq_topic(app)
        self.urls, self.hashes = raw_table(app, URLS), raw_table(app, HASHES)
        self.buckets, self.signatures = raw_table(app, BUCKETS), raw_table(app, SIGNATURES)
        pipeline = settings.pipeline
        self.window = dt.timedelta(days=pipeline.dedup_window_days)
        self.near_window = Window(self.window.total_seconds(), pipeline.dedup_near_threshold,
                                  pipeline.dedup_bucket_cap)
        self.retries, self.partitions, self.clock = pipeline.max_retries, settings.kafka.partitions, SweepClock()

    async def route(self, event: faust.EventT) -> None:
        """Compute the article's digest and band keys and send it to the deciding partition."""
        await self.near.send(key=DECIDING_KEY, value=encode(check_for(decode(Article, event.value))))

    async def decide(self, event: faust.EventT) -> None:
        """The URL, content and near checks, in that order; publish the article or its duplicate record."""
        check, now = decode(NearCheck, event.value), dt.datetime.now(dt.UTC)
        article, partition = check.article, event.message.partition
        exact_copy, seen_at = exact.first_seen(self.urls, self.hashes, article, now, self.window, partition)
        copy: Copy | None = (*exact_copy, 1.0) if exact_copy else None
        if copy is None and check.digest:
            copy = self.near_copy(check, seen_at, now)
        if copy is None:
            await self.articles.send(key=encode_key(article.article_id), value=encode(article))
        else:
            kind, original, similarity = copy
            record = exact.duplicate_record(article, original, kind, now, similarity=min(1.0, similarity))
            await self.duplicates.send(key=encode_key(article.article_id), value=encode(record))
        self.sweep(partition, now)

    def near_copy(self, check: NearCheck, seen_at: int, now: dt.datetime) -> Copy | None:
        """The near-duplicate decision against the buckets and signatures (``decide.decide_in``)."""
        found = decide_in(check, seen_at, self.buckets, self.signatures, now.timestamp(), self.near_window).duplicate_of
        return None if found is None else ("near", found[0], found[2])

    def sweep(self, partition: int, now: dt.datetime) -> None:
        """Evict expired entries of every table (at most hourly); all are owned by the deciding partition."""
        if not self.clock.due(partition, now.timestamp()):
            return
        seconds, at = self.window.total_seconds(), now.timestamp()
        owner = partition_of(DECIDING_KEY, self.partitions)

        def keep_seen(stored: bytes) -> bytes | None:
            entry = exact.entry_of(stored)
            return None if entry is None or exact.is_expired(entry, now, self.window) else stored

        for table in (self.urls, self.hashes):
            sweep_partition(table, partition, _owner, keep_seen)
        sweep_partition(self.buckets, partition, lambda _k, _v: owner, lambda b: lsh.evict(b, at, seconds))
        sweep_partition(self.signatures, partition, lambda _k, _v: owner,
                        lambda v: None if signatures.expired(signatures.unpack(v), at, seconds) else v)

    def register(self, app: faust.App) -> None:
        """Attach the route and decision agents."""

        @app.agent(self.normalized, name="route_to_dedup")
        async def route_to_dedup(stream: faust.StreamT) -> None:
            async for event in stream.events():
                await process_guarded("dedup", event, self.route, self.dlq, self.retries)

        @app.agent(self.near, name="decide_duplicates")
        async def decide_duplicates(stream: faust.StreamT) -> None:
            async for event in stream.events():
                await process_guarded("dedup", event, self.decide, self.dlq, self.retries)


def _owner(_key: bytes, stored: bytes) -> int:
    """The partition that owns an exact table entry (written into its value)."""
    unpacked = exact.unpack(stored)
    return unpacked[1] if unpacked else -1


def register(app: faust.App, settings: Settings) -> None:
    """Attach the dedup agents and their tables to ``app``."""
    Dedup(app, settings).register(app)
