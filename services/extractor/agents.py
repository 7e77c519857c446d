"""Faust agent: news.articles → event mentions → news.mentions (key blocking_key).

Parsing is CPU-bound: it runs in a worker thread so the event loop keeps
heartbeating to the broker while a long article is parsed (a blocked loop
would miss heartbeats and trigger a rebalance).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import faust

from schemas.records import Article
from schemas.topics import ARTICLES, MENTIONS
from services.common.codecs import decode, encode, encode_key
from services.common.settings import Settings
from services.common.stream import bytes_topic, dlq_topic, process_guarded
from services.extractor.extract import load_extractor


def register(app: faust.App, settings: Settings) -> None:
    """Attach the extractor agent to ``app``; the NLP model loads once, on first use."""
    source, sink, dlq = bytes_topic(app, ARTICLES.name), bytes_topic(app, MENTIONS.name), dlq_topic(app)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
    limit = settings.pipeline.max_events_per_article

    async def handle(event: faust.EventT) -> None:
        article = decode(Article, event.value)
        extractor = await asyncio.get_running_loop().run_in_executor(executor, load_extractor)
        mentions = await asyncio.get_running_loop().run_in_executor(executor, extractor.extract, article, limit)
        for mention in mentions:  # each says how many there are, so Postgres can tell when it holds them all
            counted = mention.model_copy(update={"of_article": len(mentions)})
            await sink.send(key=encode_key(mention.blocking_key), value=encode(counted))

    @app.agent(source, name="extract_mentions")
    async def extract_mentions(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await process_guarded("extractor", event, handle, dlq, settings.pipeline.max_retries)
