"""Faust agents for near-duplicates: news.dedup-by-band (LSH buckets) → news.dedup-near (decision).

Tables hold raw bytes (packed buckets ``dedup-lsh64``, packed signatures
``dedup-signatures``, JSON for pending decisions ``dedup-pending``, the
undecided article's own JSON ``dedup-held``) and are changelog-backed. The
article is held apart from its pending state because that state is rewritten
on every vote, inquiry and answer (about 14 times per article): with the
article inside, every rewrite sent the whole text to the changelog again
(58 KiB per article, 60% of the broker's bytes); held apart it is written
once and deleted when the article is decided. Table writes go to the changelog partition of the event
being processed, and each table is only written by the agent whose input
topic is keyed by that table's key (the signature table's key is the uuid of
the message key), so state and input stay co-partitioned.

Hazard (redelivery): a probe, vote, inquiry or answer delivered twice is
harmless (buckets ignore an article already present; a vote replaces itself
until the inquiries are out; an answer counts once; an inquiry is answered
again from the same signature). Decided states are kept DECIDED_TTL_SECONDS
to republish the outcome of a redelivered article, then swept
(services/dedup/sweep.py); an undecided state is swept after twice that.
Signatures and bucket entries live for the dedup window.

Upgrade: the LSH table took a new name with each new format (``dedup-bands``,
then ``dedup-lsh`` with 32-bit sketches, are no longer read: a lightly edited
copy of an article seen before the upgrade is not found; exact copies still
are). Pending states and messages of the previous format are still read
(``Pending.upgraded``, the legacy NearVote fields).
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
from services.common.stream import bytes_topic, process_guarded, raw_table
from services.dedup import lsh, signatures
from services.dedup.decide import Action, step
from services.dedup.exact import duplicate_record
from services.dedup.near import BandProbe, NearVote, Pending, encoded_digest, probes, read_pending
from services.dedup.sweep import SweepClock, by_topic_key, partition_of, sweep_partition

DECIDED_TTL_SECONDS = 6 * 3600.0


class NearStage:
    """The near-duplicate agents' topics and tables; ``submit`` is what the content check calls."""

    def __init__(self, app: faust.App, settings: Settings, dlq: faust.TopicT) -> None:
        self.by_band, self.near = bytes_topic(app, DEDUP_BY_BAND.name), bytes_topic(app, DEDUP_NEAR.name)
        self.articles, self.duplicates = bytes_topic(app, ARTICLES.name), bytes_topic(app, DUPLICATES.name)
        self.buckets, self.pending = raw_table(app, "dedup-lsh64"), raw_table(app, "dedup-pending")
        self.held = raw_table(app, "dedup-held")
        self.signatures = raw_table(app, "dedup-signatures")
        self.window = settings.pipeline.dedup_window_days * 86400.0
        self.threshold = settings.pipeline.dedup_near_threshold
        self.cap = settings.pipeline.dedup_bucket_cap
        self.dlq, self.retries = dlq, settings.pipeline.max_retries
        self.bucket_clock, self.pending_clock, self.partitions = SweepClock(), SweepClock(), settings.kafka.partitions
        self.signature_clock = SweepClock()

    async def submit(self, article: Article, seen_at: int) -> None:
        """Send the article (with its digest) to its decision partition, then one probe per band."""
        digest, band_probes = probes(article, seen_at)
        await self.near.send(key=encode_key(article.article_id), value=encode(
            NearVote(article_id=article.article_id, article=article, seen_at=seen_at, digest=digest)))
        for key, band_probe in band_probes:
            await self.by_band.send(key=key, value=encode(band_probe))

    async def check_band(self, event: faust.EventT) -> None:
        """Probe one bucket; vote with the candidates found there."""
        band_probe = decode(BandProbe, event.value)
        candidates, bucket = lsh.probe(self.buckets.get(event.key), band_probe.entry(), time.time(), self.window,
                                       self.threshold, self.cap, band=band_probe.band)
        self.buckets[event.key] = bucket
        self.sweep_buckets(event.message.partition)
        vote = NearVote(article_id=band_probe.article_id, band=band_probe.band, candidates=candidates)
        await self.near.send(key=encode_key(band_probe.article_id), value=encode(vote))

    async def decide(self, event: faust.EventT) -> None:
        """Apply the article, a vote, an inquiry or an answer to the article's state; send what the step decided."""
        vote, key, now = decode(NearVote, event.value), event.key, time.time()
        if vote.article is not None and not vote.digest:  # previous format: the digest was not sent
            vote.digest = encoded_digest(vote.article)
        sig_key = signatures.table_key(vote.article_id)
        own = signatures.unpack(self.signatures.get(sig_key))
        stored = self.pending.get(key)
        state = read_pending(stored) or Pending(first_seen=now)
        held = state.holding and state.article is None and self.held.get(key)
        if held:
            state.article = decode(Article, held)
        state, updated, actions = step(state, vote, None if signatures.expired(own, now, self.window) else own,
                                       self.threshold)
        if updated is not None and updated != own:
            self.signatures[sig_key] = signatures.pack(updated)
        self.hold(key, state, vote.article is not None)
        if state != Pending(first_seen=state.first_seen):
            value = state.model_dump_json(exclude_defaults=True, exclude={"article"}).encode()
            if value != stored:  # an answer from a decided article changes nothing: no changelog write
                self.pending[key] = value
        for action in actions:
            await self.perform(action)
        self.sweep_pending(event.message.partition)

    def hold(self, key: Any, state: Pending, arrived: bool) -> None:
        """Keep the undecided article in ``dedup-held`` (written when it arrives), delete it once decided."""
        if state.article is not None and (arrived or not state.holding):
            self.held[key] = encode(state.article)
            state.holding = True
        elif state.article is None and state.holding:
            if key in self.held:
                del self.held[key]
            state.holding = False

    async def perform(self, action: Action) -> None:
        """Publish an outcome, or send an inquiry or an answer to another article's decision partition."""
        if action.kind in ("inquiry", "reply") and isinstance(action.message, NearVote):
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
        """Drop decided states past their TTL, undecided ones twice as old, and expired signatures."""
        now = time.time()
        if self.pending_clock.due(partition, now):
            sweep_partition(self.pending, partition, by_topic_key(self.partitions), self._stale(now))
            owner = by_topic_key(self.partitions)
            for key in [k for k in self.held if owner(k, None) == partition and k not in self.pending]:
                del self.held[key]  # its undecided state was swept
        if self.signature_clock.due(partition, now):
            sweep_partition(self.signatures, partition,
                            lambda key, _v: partition_of(encode_key(signatures.article_of(key)), self.partitions),
                            lambda v: None if signatures.expired(signatures.unpack(v), now, self.window) else v)

    @staticmethod
    def _stale(now: float) -> Callable[[bytes], bytes | None]:
        def keep(value: bytes) -> bytes | None:
            state = read_pending(value)
            ttl = DECIDED_TTL_SECONDS if state is None or state.decided else 2 * DECIDED_TTL_SECONDS
            return None if state is None or now - state.first_seen > ttl else value
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

