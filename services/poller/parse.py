"""Feed bytes → FeedItems with feedparser: identity, dates, content hash; unreadable entries are counted."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import feedparser

from services.common.urls import ARTICLE_NAMESPACE, article_id_for, canonicalize_url

logger = logging.getLogger("newsflow.poller.parse")

DATE_FIELDS = ("published_parsed", "updated_parsed", "created_parsed")
MAX_KEY_BYTES = 512  # feed_items' primary key (feed_url, item_key) must stay under Postgres's btree row limit


class FeedParseError(ValueError):
    """The body is not a feed feedparser recognises (an HTML page, an empty body, ...)."""


@dataclass(frozen=True)
class FeedItem:
    """One feed entry, identified: article_id for news.raw, item_key and content_hash for seen state."""

    article_id: str
    item_key: str
    url: str
    link: str | None
    guid: str | None
    title: str | None
    summary: str | None
    content: str | None
    published: dt.datetime | None
    content_hash: str


@dataclass(frozen=True)
class ParsedFeed:
    """The items of one feed document, how many entries were rejected, and the bozo error if any."""

    title: str | None
    items: list[FeedItem] = field(default_factory=list)
    rejected: int = 0
    bozo_error: str | None = None
    ttl_seconds: float | None = None
    duplicates: int = 0


def parse_feed(body: bytes, feed_url: str, content_type: str | None = None, base_url: str | None = None) -> ParsedFeed:
    """Parse RSS/Atom/RDF bytes; a bozo feed keeps the items feedparser could read."""
    headers = {"content-location": base_url or feed_url, "content-type": content_type or "application/xml"}
    # Always a stream: feedparser treats bytes/str as a path or URL to open when they look like one.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise FeedParseError(f"not a feed: {parsed.get('bozo_exception') or 'no feed elements found'}")
    bozo = repr(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if bozo:
        logger.warning("bozo feed, keeping what could be read: %s", bozo, extra={"feed_url": feed_url})
    items = [item for entry in parsed.entries if (item := entry_to_item(entry, feed_url)) is not None]
    rejected = len(parsed.entries) - len(items)
    if rejected:
        logger.info("%d entries without title or text rejected", rejected, extra={"feed_url": feed_url})
    first: dict[str, FeedItem] = {}
    for item in items:
        first.setdefault(item.item_key, item)
    repeats = len(items) - len(first)
    if repeats:
        logger.info("%d entries repeat an item of the same feed", repeats, extra={"feed_url": feed_url})
    title = parsed.feed.get("title") or None
    return ParsedFeed(title, list(first.values()), rejected, bozo, ttl_seconds(parsed.feed.get("ttl")), repeats)


def ttl_seconds(value: Any) -> float | None:
    """The RSS <ttl> (minutes) in seconds, or None when absent or not a positive number."""
    text = clean(value)
    return float(text) * 60.0 if text and text.isdigit() and int(text) > 0 else None


def entry_to_item(entry: Any, feed_url: str) -> FeedItem | None:
    """A FeedItem, or None for an entry with neither a title nor any text."""
    title = clean(entry.get("title"))
    content = entry_content(entry)
    summary = clean(entry.get("summary"))
    if summary == content:  # feedparser copies content into summary when there is no description
        summary = None
    if not (title or summary or content):
        return None
    link = http_link(entry.get("link"))
    guid = clean(entry.get("id"))
    digest = content_hash(title, summary, content)
    canonical = canonicalize_url(link) if link else None
    return FeedItem(
        article_id=article_id_for(canonical) if canonical else guid_article_id(feed_url, guid or digest),
        item_key=bounded_key(canonical or guid or f"sha256:{digest}"),
        url=canonical or feed_url,
        link=link,
        guid=guid,
        title=title,
        summary=summary,
        content=content,
        published=entry_time(entry),
        content_hash=digest,
    )


def clean(value: Any) -> str | None:
    """A stripped string, or None when empty."""
    text = str(value).strip() if value is not None else ""
    return text or None


def http_link(value: Any) -> str | None:
    """The entry link when it is an absolute http(s) URL."""
    link = clean(value)
    return link if link and urlsplit(link).scheme.lower() in {"http", "https"} else None


def entry_content(entry: Any) -> str | None:
    """The entry's full content (content:encoded, atom:content), preferring HTML over text."""
    contents = entry.get("content") or []
    ranked = sorted(contents, key=lambda c: "html" not in str(c.get("type", "")))
    return next((text for c in ranked if (text := clean(c.get("value")))), None)


def entry_time(entry: Any) -> dt.datetime | None:
    """Published (else updated) time as an aware UTC datetime; feedparser's struct_time is already UTC."""
    for name in DATE_FIELDS:
        value: time.struct_time | None = entry.get(name)
        if value:
            try:
                return dt.datetime(*value[:6], tzinfo=dt.UTC)
            except (TypeError, ValueError):
                continue
    return None


def content_hash(title: str | None, summary: str | None, content: str | None) -> str:
    """sha256 of title, summary and content: changes when the item is edited."""
    joined = "\x1f".join(part or "" for part in (title, summary, content))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def bounded_key(key: str) -> str:
    """The key itself when short and storable, else 'sha256:' and the hex digest of it (long GUIDs and links)."""
    try:
        size = len(key.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate: Postgres cannot store it
        size = MAX_KEY_BYTES + 1
    if size <= MAX_KEY_BYTES and "\x00" not in key:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def guid_article_id(feed_url: str, guid: str) -> str:
    """article_id of an item without a link: uuid5 of its feed URL and GUID."""
    return str(uuid.uuid5(ARTICLE_NAMESPACE, f"{feed_url}\n{guid}"))
