"""Feeds that once lost items at intake (issue 18), served on loopback: huge pages and titles, long ids, big feeds."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from xml.sax.saxutils import escape

from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas.records import RawArticle
from schemas.topics import RAW
from services.common.codecs import decode
from services.common.offsets import end_offsets
from tests.conftest import PARTITIONS
from tests.integration.faults import corpus_articles
from tests.unit.poller.feed_server import FeedServer, Reply

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}
TEN_MB_TITLE = "Budget vote " * (10_000_000 // 12)
BIG_SCRIPT = "<script>window.__STATE__ = '" + "s" * 1_500_000 + "';</script>"


@dataclass(frozen=True)
class Item:
    """One <item> of a test feed."""

    title: str
    link: str | None = None
    guid: str | None = None
    description: str | None = None


def rss(title: str, items: list[Item]) -> bytes:
    """An RSS 2.0 document."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>']
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title>")
        if item.link is not None:
            parts.append(f"<link>{escape(item.link)}</link>")
        if item.guid is not None:
            parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.description is not None:
            parts.append(f"<description>{escape(item.description)}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def serve_feed(server: FeedServer, path: str, title: str, items: list[Item]) -> str:
    """Serve the feed at path; its URL."""
    return server.route(path, Reply(body=rss(title, items), headers=RSS))


def corpus_items(server: FeedServer, tag: str, n: int) -> list[Item]:
    """n demo-corpus articles (distinct texts) served as pages under /<tag>/, as feed items linking to them."""
    items = []
    for i, article in enumerate(corpus_articles(tag, n)):
        link = server.route(f"/{tag}/{i}.html", Reply(body=(article.html or "").encode(), headers=HTML))
        items.append(Item(article.title or f"Story {i}", link))
    return items


def big_page_item(server: FeedServer, tag: str) -> Item:
    """A corpus article whose page carries a 1.5 MB inline script: about 1.5 MB in all."""
    article = corpus_articles(f"{tag}-big", 1)[0]
    html = (article.html or "").replace("<head>", "<head>" + BIG_SCRIPT, 1)
    assert len(html) > 1_500_000
    return Item(article.title or "Big page", server.route(f"/{tag}/big.html", Reply(body=html.encode(), headers=HTML)))


async def raw_ends(bootstrap: str) -> dict[TopicPartition, int]:
    """End offset of every news.raw partition (the session broker's topics have PARTITIONS each)."""
    return await end_offsets(bootstrap, [TopicPartition(RAW.name, p) for p in range(PARTITIONS)])


async def raw_since(bootstrap: str, before: dict[TopicPartition, int], timeout: float = 60.0) -> list[RawArticle]:
    """The news.raw records appended after the offsets in before."""
    after = await raw_ends(bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                                max_partition_fetch_bytes=16 * 1024 * 1024)
    await consumer.start()
    got: list[RawArticle] = []
    try:
        consumer.assign(list(after))
        for tp in after:
            consumer.seek(tp, before.get(tp, 0))
        async with asyncio.timeout(timeout):
            while [tp for tp, end in after.items() if await consumer.position(tp) < end]:
                for tp, records in (await consumer.getmany(timeout_ms=300)).items():
                    got += [decode(RawArticle, r.value) for r in records if r.offset < after[tp]]
    finally:
        await consumer.stop()
    return got


def appended(before: dict[TopicPartition, int], after: dict[TopicPartition, int]) -> int:
    """Records appended to news.raw between two readings of its end offsets."""
    return sum(end - before.get(tp, 0) for tp, end in after.items())
