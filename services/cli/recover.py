"""Recovery on a new embedded broker: what ``newsflow run`` does before its stream worker starts.

The embedded broker keeps everything in memory, so a run starts on empty topics. Postgres is the record:

1. feed items marked published whose raw article the sink never stored went with the old broker: they are
   forgotten (and their feeds' validators cleared), so the poller fetches and publishes them again;
2. the clustering table (the open events of the window) and dedup's tables (the window's URLs, content hashes,
   signatures and LSH buckets) are rebuilt from Postgres (``services/clusterer/rebuild.py``,
   ``services/dedup/rebuild.py``) and written to their changelog topics, which the worker recovers its tables
   from as after any restart;
3. the stored version of every event updated within the clustering window goes back on ``news.events`` (all of
   them would make each rotation of the broker, ``rotate.py``, cost as much as the database is large);
4. every stored raw article not carried through every stage (``replay.SELECT_RAW`` with ``missing``) is
   replayed to ``news.raw``.

Hazard: on a durable broker (Apache Kafka) none of this runs: the changelogs and topics are still there, and
writing rebuilt values over live changelogs would race the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from schemas.records import Article
from services.cli.replay import replay_from_database, republish_events
from services.clusterer import rebuild as clusterer_rebuild
from services.common.codecs import encode_key
from services.common.producer import make_producer
from services.common.settings import Settings
from services.dedup import rebuild as dedup_rebuild
from services.dedup.sweep import partition_of

log = logging.getLogger("newsflow.recover")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

FORGET_ITEMS = """
WITH lost AS (
    DELETE FROM feed_items f WHERE NOT EXISTS (SELECT 1 FROM raw_articles r WHERE r.article_id = f.article_id)
        AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = f.article_id)  -- stored before raw_articles
    RETURNING feed_url
), cleared AS (
    UPDATE feeds SET etag = NULL, last_modified = NULL WHERE feed_url IN (SELECT feed_url FROM lost)
    RETURNING feed_url
)
SELECT count(*) FROM lost
"""
OPEN_MENTIONS = """
SELECT m.event_id::text, m.added_in, m.added_at, m.sentence, m.detail FROM event_mentions m
JOIN events e ON e.event_id = m.event_id WHERE e.updated_at > $1
"""
WINDOW_ARTICLES = """
SELECT a.article_id::text, a.url, a.canonical_url, a.source, coalesce(a.feed_url, '') AS feed_url, a.title, a.text,
    a.language, a.content_hash, a.word_count, a.fetched_at, extract(epoch FROM a.stored_at)::bigint AS stored_epoch,
    d.kind, d.duplicate_of::text
FROM articles a LEFT JOIN duplicates d ON d.article_id = a.article_id WHERE a.stored_at > $1
"""


@dataclass
class Recovered:
    """What recovery did."""

    items_forgotten: int = 0
    open_events: int = 0
    events_left_out: int = 0
    dedup_entries: int = 0
    events_republished: int = 0
    raw_replayed: int = 0


def changelog(app_id: str, table: str) -> str:
    """The changelog topic Faust keeps a table in."""
    return f"{app_id}-{table}-changelog"


async def recover(pool: asyncpg.Pool, bootstrap: str, settings: Settings, app_id: str) -> Recovered:
    """Steps 1-4 of the module docstring; call before the stream worker starts."""
    now, done = dt.datetime.now(dt.UTC), Recovered()
    async with pool.acquire() as conn:
        done.items_forgotten = await conn.fetchval(FORGET_ITEMS)
        tables, done.open_events = await rebuilt_tables(conn, settings, now)
    done.dedup_entries = sum(len(v) for name, parts in tables.items() if name != "open-stories"
                             for v in parts.values())
    await write_changelogs(bootstrap, settings, {changelog(app_id, t): parts for t, parts in tables.items()})
    async with pool.acquire() as conn:
        window = dt.timedelta(days=settings.pipeline.cluster_window_days)
        done.events_republished = await republish_events(conn, bootstrap, settings.kafka, now - window)
    async with pool.acquire() as conn:
        done.raw_replayed = await replay_from_database(conn, bootstrap, EPOCH, True, settings.kafka)
    log.info("recovered from Postgres: %d feed items to fetch again, %d open events and %d dedup entries rebuilt, "
             "%d events republished, %d raw articles replayed", done.items_forgotten, done.open_events,
             done.dedup_entries, done.events_republished, done.raw_replayed)
    return done


async def rebuilt_tables(conn: asyncpg.Connection, settings: Settings,
                         now: dt.datetime) -> tuple[dict[str, dict[int, dict[bytes, bytes]]], int]:
    """Every rebuilt table's values per partition (clustering: ``open-stories``; dedup's four tables), and how
    many open events they hold."""
    partitions, pipeline = settings.kafka.partitions, settings.pipeline
    window = dt.timedelta(days=pipeline.cluster_window_days)
    rows = [clusterer_rebuild.stored_mention(r["event_id"], r["added_in"], r["added_at"], r["sentence"], r["detail"])
            for r in await conn.fetch(OPEN_MENTIONS, now - window)]
    clustered = await asyncio.to_thread(clusterer_rebuild.rebuild, rows, window, now)
    if clustered.skipped:
        log.warning("%d open events could not be rebuilt (mentions stored without detail): a later report of one "
                    "opens an event of its own", len(clustered.skipped))
    if clustered.diverged:
        log.warning("%d stored mentions joined an event closed in between; rebuilt as the replay decided",
                    clustered.diverged)
    stories: dict[int, dict[bytes, bytes]] = {}
    for key, values in clustered.values.items():
        stories.setdefault(partition_of(encode_key(key), partitions), {}).update(values)
    dedup_window = dt.timedelta(days=pipeline.dedup_window_days)
    articles = [_stored_article(r) for r in await conn.fetch(WINDOW_ARTICLES, now - dedup_window)]
    tables = await asyncio.to_thread(dedup_rebuild.rebuild, articles, partitions, dedup_window.total_seconds(),
                                     pipeline.dedup_near_threshold, pipeline.dedup_bucket_cap)
    return {"open-stories": stories, **tables}, clustered.events


def _stored_article(row: Any) -> dedup_rebuild.StoredArticle:
    article = Article.model_construct(
        article_id=row["article_id"], url=row["url"], canonical_url=row["canonical_url"], source=row["source"],
        feed_url=row["feed_url"], title=row["title"], text=row["text"], language=row["language"],
        content_hash=row["content_hash"], word_count=row["word_count"], fetched_at=row["fetched_at"])
    return dedup_rebuild.StoredArticle(article, int(row["stored_epoch"]), row["kind"], row["duplicate_of"])


async def write_changelogs(bootstrap: str, settings: Settings,
                           topics: dict[str, dict[int, dict[bytes, bytes]]]) -> None:
    """Create the changelog topics (compacted, the pipeline's partitions) and write the values to them."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="newsflow-recover")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [NewTopic(name, num_partitions=settings.kafka.partitions,
                           replication_factor=settings.kafka.replication_factor,
                           topic_configs={"cleanup.policy": "compact"}) for name in topics if name not in existing]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(wanted)
        for _ in range(50):
            if set(topics) <= set(await admin.list_topics()):
                break
            await asyncio.sleep(0.1)
    finally:
        await admin.close()
    producer = make_producer(bootstrap, settings.kafka)
    await producer.start()
    try:
        for name, parts in topics.items():
            for partition, values in parts.items():
                for key, value in values.items():
                    await producer.send(name, key=key, value=value, partition=partition)
        await producer.flush()
    finally:
        await producer.stop()
