"""Faust agent: news.mentions (key blocking_key) → open events table → news.event-updates (key event_id).

The table is keyed by blocking key, the same key as the input topic, so every
candidate event for a mention lives in the partition the mention arrives on.
Values are ``BlockState.dump()`` bytes (compact, zlib; layout in ``state.py``).
The table is written before the event version is sent, so a crash in between
leaves a mention counted whose version never went out; its offset was not
committed, so it is redelivered, recognised by its mention_id, and re-emits the
event's current version with its sentence (same version number: the sink stores
it only if it has not got it, and keeps the sentence either way). A key
whose value outgrows ``MAX_VALUE_BYTES`` has its least recently updated events
closed early (logged), so its changelog record stays under the broker's limit.
"""

from __future__ import annotations

import datetime as dt
import logging

import faust

from schemas.records import EventMention
from schemas.topics import EVENT_UPDATES, MENTIONS
from services.clusterer.cache import StateCache
from services.clusterer.cluster import assign, close_stale, stored_value
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded

log = logging.getLogger("newsflow.clusterer.agents")


def register(app: faust.App, settings: Settings) -> None:
    """Attach the clustering agent and its table to ``app``."""
    window = dt.timedelta(days=settings.pipeline.cluster_window_days)
    source, sink, dlq = bytes_topic(app, MENTIONS.name), bytes_topic(app, EVENT_UPDATES.name), dlq_topic(app)
    blocks = app.Table("open-events", key_type=str, value_type=bytes, default=None)
    cache = StateCache()  # decoded states of recently updated keys (cache.py)

    async def handle(event: faust.EventT) -> None:
        mention = decode(EventMention, event.value)
        now = dt.datetime.now(dt.UTC)
        state, rebuilt = cache.take(mention.blocking_key, blocks.get(mention.blocking_key))
        close_stale(state, now, window)
        updated = assign(state, mention, now, rebuilt)
        value, shed = stored_value(state)
        blocks[mention.blocking_key] = value
        cache.put(mention.blocking_key, value, state, rebuilt)
        if shed:
            log.warning("closed %d events early: the open events of %s outgrew the table value limit", shed,
                        mention.blocking_key, extra={"stage": "clusterer"})
        await sink.send(key=encode_key(updated.event_id), value=encode(updated))

    @app.agent(source, name="cluster_mentions")
    async def cluster_mentions(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("clusterer", event, handle, dlq, settings.pipeline.max_retries)
