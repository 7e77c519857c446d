"""Every topic newsflow uses, its key, record type and layout, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A Kafka topic: name, record model name, what its key is, and its layout."""

    name: str
    record: str
    key: str
    compacted: bool = False
    internal: bool = False


RAW = Topic("news.raw", "RawArticle", "article_id")
NORMALIZED = Topic("news.normalized", "Article", "article_id")
DEDUP_NEAR = Topic("news.dedup-near", "NearCheck", "one deciding key", internal=True)
ARTICLES = Topic("news.articles", "Article", "article_id")
DUPLICATES = Topic("news.duplicates", "Duplicate", "article_id")
MENTIONS = Topic("news.mentions", "EventMention", "blocking_key")
EVENT_UPDATES = Topic("news.event-updates", "Event", "event_id")
EVENTS = Topic("news.events", "Event", "event_id", compacted=True)
DLQ = Topic("news.dlq", "DeadLetter", "original key")
FEEDS = Topic("news.feeds", "feed URL", "feed_url", compacted=True)

TOPICS: tuple[Topic, ...] = (
    RAW, NORMALIZED, DEDUP_NEAR,
    ARTICLES, DUPLICATES, MENTIONS, EVENT_UPDATES, EVENTS, DLQ, FEEDS,
)
