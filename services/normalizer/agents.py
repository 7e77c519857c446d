"""Faust agent: news.raw → normalise → news.normalized (key article_id)."""

from __future__ import annotations

import faust

from schemas.records import RawArticle
from schemas.topics import NORMALIZED, RAW
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded
from services.normalizer.transform import normalise


def register(app: faust.App, settings: Settings) -> None:
    """Attach the normaliser agent to ``app``."""
    source, sink, dlq = bytes_topic(app, RAW.name), bytes_topic(app, NORMALIZED.name), dlq_topic(app)

    async def handle(event: faust.EventT) -> None:
        article = normalise(decode(RawArticle, event.value))
        await sink.send(key=encode_key(article.article_id), value=encode(article))

    @app.agent(source, name="normalise_articles")
    async def normalise_articles(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("normalizer", event, handle, dlq, settings.pipeline.max_retries)
