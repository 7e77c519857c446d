"""Faust agent: news.mentions (key blocking_key) → open events table → news.event-updates (key event_id).

The table is keyed by blocking key, the same key as the input topic, so every
candidate event for a mention lives in the partition the mention arrives on.
A redelivered mention is recognised by its mention_id and emits nothing.
"""

from __future__ import annotations

import datetime as dt

import faust

from schemas.records import EventMention
from schemas.topics import EVENT_UPDATES, MENTIONS
from services.clusterer.cluster import BlockState, assign, close_stale
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded


def register(app: faust.App, settings: Settings) -> None:
    """Attach the clustering agent and its table to ``app``."""
    window = dt.timedelta(days=settings.pipeline.cluster_window_days)
    source, sink, dlq = bytes_topic(app, MENTIONS.name), bytes_topic(app, EVENT_UPDATES.name), dlq_topic(app)
    blocks = app.Table("open-events", key_type=str, value_type=bytes, default=None)

    async def handle(event: faust.EventT) -> None:
        mention = decode(EventMention, event.value)
        now = dt.datetime.now(dt.UTC)
        stored = blocks.get(mention.blocking_key)
        state = BlockState.model_validate_json(stored) if stored else BlockState()
        close_stale(state, now, window)
        updated = assign(state, mention, now)
        blocks[mention.blocking_key] = state.model_dump_json().encode()
        if updated is not None:
            await sink.send(key=encode_key(updated.event_id), value=encode(updated))

    @app.agent(source, name="cluster_mentions")
    async def cluster_mentions(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("clusterer", event, handle, dlq, settings.pipeline.max_retries)
