"""Feed lists: an OPML file or a text file of URLs (``#`` comments), from a path or an http(s) URL."""

from __future__ import annotations

import asyncio
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from services.poller.errors import FetchError
from services.poller.fetch import Fetcher
from services.poller.models import FeedSpec

logger = logging.getLogger("newsflow.poller.feedlist")

OPML_SUFFIXES = (".opml", ".xml")


__all__ = ["FeedListError", "FeedSpec", "load_feed_list"]


MAX_FEED_URL_CHARS = 2048  # a feed URL is a key of the feeds table and of every item's record


class FeedListError(ValueError):
    """The feed list is missing, unreadable, or holds an entry that is not an http(s) URL."""


async def load_feed_list(source: str, fetcher: Fetcher | None = None) -> list[FeedSpec]:
    """Feeds listed at source (a local path, or an http(s) URL fetched with fetcher), duplicates dropped."""
    data = await read_source(source, fetcher)
    specs = parse_opml(data, source) if looks_like_opml(source, data) else parse_text(data, source)
    unique: dict[str, FeedSpec] = {}
    for spec in specs:
        unique.setdefault(spec.url, spec)
    logger.debug("loaded %d feeds from %s", len(unique), source)
    return list(unique.values())


async def read_source(source: str, fetcher: Fetcher | None) -> bytes:
    """The list's bytes, from disk or over HTTP."""
    if urlsplit(source).scheme in {"http", "https"}:
        if fetcher is None:
            raise FeedListError(f"feed list {source} is a URL but no fetcher was given")
        try:
            return (await fetcher.fetch_feed(source)).body
        except FetchError as exc:
            raise FeedListError(f"cannot fetch feed list {source}: {exc}") from exc
    try:
        return await asyncio.to_thread(Path(source).read_bytes)
    except OSError as exc:
        raise FeedListError(f"cannot read feed list {source}: {exc.strerror or exc}") from exc


def looks_like_opml(source: str, data: bytes) -> bool:
    """OPML when the name says so or the content starts like XML."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return urlsplit(source).path.lower().endswith(OPML_SUFFIXES) or head == b"<"


def parse_opml(data: bytes, source: str) -> list[FeedSpec]:
    """Every outline with an xmlUrl, at any depth (categories are flattened)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedListError(f"feed list {source} is not valid OPML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise FeedListError(f"feed list {source} is XML but not OPML (root <{root.tag}>)")
    specs = []
    for outline in root.iter("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        if url := attrs.get("xmlurl", "").strip():
            specs.append(FeedSpec(checked_url(url, source), attrs.get("title") or attrs.get("text") or None))
    return specs


def parse_text(data: bytes, source: str) -> list[FeedSpec]:
    """One URL per line; blank lines and lines starting with # are skipped."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedListError(f"feed list {source} is not UTF-8 text: {exc}") from exc
    specs = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            specs.append(FeedSpec(checked_url(entry, f"{source}:{number}")))
    return specs


def checked_url(url: str, where: str) -> str:
    """url itself when it is an absolute http(s) URL with a host, else FeedListError naming where (if not empty)."""
    try:
        return _checked_url(url)
    except FeedListError as exc:
        raise FeedListError(f"{where}: {exc}" if where else str(exc)) from None


def _checked_url(url: str) -> str:
    if len(url) > MAX_FEED_URL_CHARS:
        raise FeedListError(f"a feed URL of {len(url)} characters is too long (at most {MAX_FEED_URL_CHARS})")
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        raise FeedListError(f"{url[:200]!r} holds a space or control character; a feed URL cannot")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a bad port
    except ValueError as exc:
        raise FeedListError(f"{url[:200]!r} is not a valid URL ({exc})") from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise FeedListError(f"{url[:200]!r} is not an http(s) feed URL")
    return url
