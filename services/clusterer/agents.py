"""Faust agent: news.mentions (key: the deciding key, the language) → open events → news.event-updates (key event_id).

Every report of a language arrives on the partition of its deciding key, so the open events it may join are
all decided there, whichever partition its article came in on. The table ``open-stories`` holds one value per
open event (``state.py``); it is written to the changelog partition of the mention being processed, so it
moves with that partition. ``OpenEvents`` keeps the values decoded and indexed; it is rebuilt from the table
whenever this worker's assignment changes (a rebalance or a restart: the table was recovered from its
changelog first).

Hazard (redelivery): the table is written before the event version is sent, so a crash in between leaves a
mention counted whose version never went out; its offset was not committed, so it is redelivered, recognised
by its mention id, and re-emits the event's current version with its sentence (same version number: the sink
stores it only if it has not got it, and keeps the sentence either way). Events not reported within the
window are closed: their keys deleted (tombstones on the changelog).

Each version carries its new mention in full (``Event.added``): the sink stores it in ``event_mentions`` so the
table can be rebuilt from Postgres when its changelog is gone (``rebuild.py``, ``services/common/recovery.py``).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import faust

from schemas.records import EventMention
from schemas.topics import EVENT_UPDATES, MENTIONS
from services.clusterer.cluster import OpenEvents
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded, raw_table

log = logging.getLogger("newsflow.clusterer.agents")


def register(app: faust.App, settings: Settings) -> None:
    """Attach the clustering agent and its table to ``app``."""
    window = dt.timedelta(days=settings.pipeline.cluster_window_days)
    source, sink, dlq = bytes_topic(app, MENTIONS.name), bytes_topic(app, EVENT_UPDATES.name), dlq_topic(app)
    table = raw_table(app, "open-stories")
    events = OpenEvents(window)
    loaded: list[Any] = [None]  # the assignment the index was built for

    def current() -> OpenEvents:
        assignment = frozenset(app.consumer.assignment())
        if assignment != loaded[0]:
            events.load(table.items())
            loaded[0] = assignment
            log.info("clustering state rebuilt: %d open events", len(events.states), extra={"stage": "clusterer"})
        return events

    async def handle(event: faust.EventT) -> None:
        mention = decode(EventMention, event.value)
        try:
            outcome = current().handle(mention, dt.datetime.now(dt.UTC))
            for key, value in outcome.writes.items():
                if value is None:
                    table.pop(key, None)
                else:
                    table[key] = value
        except Exception:
            loaded[0] = None  # the index may be ahead of the table: rebuild it from the table before the retry
            raise
        added = outcome.event.model_copy(update={"added": [mention]})  # stored by the sink: see rebuild.py
        await sink.send(key=encode_key(outcome.event.event_id), value=encode(added))

    @app.agent(source, name="cluster_mentions")
    async def cluster_mentions(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("clusterer", event, handle, dlq, settings.pipeline.max_retries)
