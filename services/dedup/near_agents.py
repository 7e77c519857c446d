"""The Faust agent for near-duplicates: news.dedup-near (one key) → news.articles | news.duplicates.

One message per article. The deciding partition holds two changelog-backed tables of raw bytes: the packed
LSH buckets (``dedup-near-buckets``, key = band key) and the signatures (``dedup-near-signatures``, key =
article uuid). Deciding an article writes its five buckets and its signature: six changelog records and one
message in, against about 28 records per article (band probes, votes, inquiries, answers and the pending,
held and signature states they rewrote) when candidates were asked across partitions, until stop 28. Table
writes go to the changelog partition of the event being processed, the deciding key's, so state and input
stay co-partitioned.

Hazard (redelivery): an article delivered twice finds its own signature and is published again as it was
decided (the sends are idempotent downstream). Signatures and bucket entries live for the dedup window and
are swept from this agent, partition by partition (``sweep.py``).

Upgrade: the tables took new names with this layout (``dedup-lsh64``, ``dedup-signatures``, ``dedup-pending``
and ``dedup-held`` are no longer read, and news.dedup-by-band no longer written): a lightly edited copy of an
article seen before the upgrade is not found; exact copies still are. Drain news.dedup-near before upgrading a
Kafka deployment: a message of the previous format is dead-lettered.
"""

from __future__ import annotations

import datetime as dt
import time

import faust

from schemas.records import Article
from schemas.topics import ARTICLES, DEDUP_NEAR, DUPLICATES
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, process_guarded, raw_table
from services.dedup import lsh, signatures
from services.dedup.decide import Window, decide
from services.dedup.exact import duplicate_record
from services.dedup.near import BUCKETS, DECIDING_KEY, SIGNATURES, NearCheck, check_for
from services.dedup.sweep import SweepClock, partition_of, sweep_partition


class NearStage:
    """The near-duplicate agent's topics and tables; ``submit`` is what the content check calls."""

    def __init__(self, app: faust.App, settings: Settings, dlq: faust.TopicT) -> None:
        self.near = bytes_topic(app, DEDUP_NEAR.name)
        self.articles, self.duplicates = bytes_topic(app, ARTICLES.name), bytes_topic(app, DUPLICATES.name)
        self.buckets, self.signatures = raw_table(app, BUCKETS), raw_table(app, SIGNATURES)
        pipeline = settings.pipeline
        self.window = Window(pipeline.dedup_window_days * 86400.0, pipeline.dedup_near_threshold,
                             pipeline.dedup_bucket_cap)
        self.dlq, self.retries, self.partitions = dlq, pipeline.max_retries, settings.kafka.partitions
        self.clock = SweepClock()

    async def submit(self, article: Article, seen_at: int) -> None:
        """Send the article, its digest and band keys to its deciding partition."""
        await self.near.send(key=DECIDING_KEY, value=encode(check_for(article, seen_at)))

    async def decide(self, event: faust.EventT) -> None:
        """Decide one article against its deciding partition's buckets and signatures; publish the outcome."""
        check, now = decode(NearCheck, event.value), time.time()
        article, own_key = check.article, signatures.table_key(check.article.article_id)
        decision = decide(check, signatures.unpack(self.signatures.get(own_key)), self.buckets.get,
                          lambda other: signatures.unpack(self.signatures.get(signatures.table_key(other))),
                          now, self.window)
        for key, bucket in decision.buckets.items():
            self.buckets[key] = bucket
        packed = signatures.pack(decision.signature)
        if self.signatures.get(own_key) != packed:
            self.signatures[own_key] = packed
        if decision.duplicate_of is None:
            await self.articles.send(key=encode_key(article.article_id), value=encode(article))
        else:
            original, _, similarity = decision.duplicate_of
            record = duplicate_record(article, original, "near", dt.datetime.now(dt.UTC),
                                      similarity=min(1.0, similarity))
            await self.duplicates.send(key=encode_key(article.article_id), value=encode(record))
        self.sweep(event.message.partition, now)

    def sweep(self, partition: int, now: float) -> None:
        """Evict expired bucket entries and signatures of this partition (at most hourly)."""
        if not self.clock.due(partition, now):
            return
        seconds, owner = self.window.seconds, partition_of(DECIDING_KEY, self.partitions)
        sweep_partition(self.buckets, partition, lambda _k, _v: owner, lambda bucket: lsh.evict(bucket, now, seconds))
        sweep_partition(self.signatures, partition, lambda _k, _v: owner,
                        lambda v: None if signatures.expired(signatures.unpack(v), now, seconds) else v)

    def register(self, app: faust.App) -> None:
        """Attach the decision agent."""

        @app.agent(self.near, name="decide_near_duplicates")
        async def decide_near_duplicates(stream: faust.StreamT) -> None:
            async for event in stream.events():
                await process_guarded("dedup", event, self.decide, self.dlq, self.retries)
