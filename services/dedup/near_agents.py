"""Faust agents for near-duplicates: news.dedup-by-band (LSH buckets) → news.dedup-near (decision).

Tables hold raw bytes (packed buckets; JSON for pending decisions) and are
changelog-backed. Table writes go to the changelog partition of the event
being processed, and each table is only written by the agent whose input
topic is keyed by that table's key, so state and input stay co-partitioned.

Hazard (redelivery): a probe or vote delivered twice is harmless (buckets
ignore an article already present; a vote replaces itself; a decided article
ignores votes). Decided states are kept DECIDED_TTL_SECONDS to answer claims,
then swept (services/dedup/sweep.py); an undecided state (votes replayed for
an article whose own message never comes) is swept after twice that.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import faust

from schemas.records import Article
from schemas.topics import ARTICLES, DEDUP_BY_BAND, DEDUP_NEAR, DUPLICATES
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, process_guarded
from services.dedup import lsh
from services.dedup.decide import DECIDED_TTL_SECONDS, Action, step
from services.dedup.exact import duplicate_record
from services.dedup.near import BandProbe, NearVote, Pending, probes
from services.dedup.sweep import SweepClock, by_topic_key, sweep_partition


def raw_table(app: faust.App, name: str) -> Any:
    """A changelog-backed table of bytes keys and bytes values, stored as they are.

    Hazard: the changelog topic (and so the codec recovery decodes with) is
    made when the table is created, from the key and value types ("raw" only
    for bytes, else "json"), and a JSON codec on packed bytes fails every
    record on recovery.
    So the serializers are set to "raw", and a changelog made otherwise stops
    the worker at start.
    """
    table: Any = app.Table(name, key_type=bytes, value_type=bytes, default=None)
    table.key_serializer = table.value_serializer = "raw"
    topic = table.changelog_topic
    if (topic.key_serializer, topic.value_serializer) != ("raw", "raw"):
        raise RuntimeError(f"table {name}: changelog codec is not raw; recovery would fail on every record")
    return table


class NearStage:
    """The near-duplicate agents' topics and tables; ``submit`` is what the content check calls."""

    def __init__(self, app: faust.App, settings: Settings, dlq: faust.TopicT) -> None:
        self.by_band, self.near = bytes_topic(app, DEDUP_BY_BAND.name), bytes_topic(app, DEDUP_NEAR.name)
        self.articles, self.duplicates = bytes_topic(app, ARTICLES.name), bytes_topic(app, DUPLICATES.name)
        self.buckets, self.pending = raw_table(app, "dedup-bands"), raw_table(app, "dedup-pending")
        self.window = settings.pipeline.dedup_window_days * 86400.0
        self.threshold = settings.pipeline.dedup_near_threshold
        self.cap = settings.pipeline.dedup_bucket_cap
        self.dlq, self.retries = dlq, settings.pipeline.max_retries
        self.bucket_clock, self.pending_clock, self.partitions = SweepClock(), SweepClock(), settings.kafka.partitions

    async def submit(self, article: Article, seen_at: int) -> None:
        """Send the article to its decision partition, then one probe per band."""
        await self.near.send(key=encode_key(article.article_id),
                             value=encode(NearVote(article_id=article.article_id, article=article, seen_at=seen_at)))
        for key, band_probe in probes(article, seen_at):
            await self.by_band.send(key=key, value=encode(band_probe))

    async def check_band(self, event: faust.EventT) -> None:
        """Probe one bucket; vote with the earlier similar articles found there."""
        band_probe = decode(BandProbe, event.value)
        earlier, later, bucket = lsh.probe_all(self.buckets.get(event.key), band_probe.entry(), time.time(),
                                               self.window, self.threshold, self.cap)
        self.buckets[event.key] = bucket
        self.sweep_buckets(event.message.partition)
        vote = NearVote(article_id=band_probe.article_id, band=band_probe.band,
                        matches=[tuple(m) for m in earlier], later=[tuple(m) for m in later])
        await self.near.send(key=encode_key(band_probe.article_id), value=encode(vote))

    async def decide(self, event: faust.EventT) -> None:
        """Apply a vote, the article, a claim or a reply to the article's state; send what the step decided."""
        vote, key = decode(NearVote, event.value), event.key
        stored = self.pending.get(key)
        state, actions = step(Pending.model_validate_json(stored) if stored else Pending(first_seen=time.time()), vote)
        self.pending[key] = state.model_dump_json(exclude_defaults=True).encode()
        for action in actions:
            await self.perform(action)
        self.sweep_pending(event.message.partition)

    async def perform(self, action: Action) -> None:
        """Publish an outcome, or send a claim or a reply to another article's decision partition."""
        if action.kind in ("claim", "reply") and isinstance(action.message, NearVote):
            await self.near.send(key=encode_key(action.to), value=encode(action.message))
        elif action.kind == "original" and isinstance(action.message, Article):
            await self.articles.send(key=encode_key(action.to), value=encode(action.message))
        elif isinstance(action.message, Article) and action.original is not None:
            record = duplicate_record(action.message, action.original[0], "near", dt.datetime.now(dt.UTC),
                                      similarity=min(1.0, action.original[2]))
            await self.duplicates.send(key=encode_key(action.to), value=encode(record))

    def sweep_buckets(self, partition: int) -> None:
        """Evict expired bucket entries of this partition (only from the band agent: its input's partitions)."""
        now = time.time()
        if self.bucket_clock.due(partition, now):
            sweep_partition(self.buckets, partition, by_topic_key(self.partitions),
                            lambda b: lsh.evict(b, now, self.window))

    def sweep_pending(self, partition: int) -> None:
        """Drop decided states past their TTL, and undecided ones twice as old, of this partition."""
        now = time.time()
        if self.pending_clock.due(partition, now):
            sweep_partition(self.pending, partition, by_topic_key(self.partitions), self._stale(now))

    @staticmethod
    def _stale(now: float) -> Callable[[bytes], bytes | None]:
        def keep(value: bytes) -> bytes | None:
            state = Pending.model_validate_json(value)
            ttl = DECIDED_TTL_SECONDS if state.decided else 2 * DECIDED_TTL_SECONDS
            return None if now - state.first_seen > ttl else value
        return keep

    def register(self, app: faust.App) -> None:
        """Attach the band and decision agents."""

        @app.agent(self.by_band, name="dedup_by_band")
        async def dedup_by_band(stream: faust.StreamT) -> None:
            async for event in stream.events():
                await process_guarded("dedup", event, self.check_band, self.dlq, self.retries)

        @app.agent(self.near, name="decide_near_duplicates")
        async def decide_near_duplicates(stream: faust.StreamT) -> None:
            async for event in stream.events():
                await process_guarded("dedup", event, self.decide, self.dlq, self.retries)

