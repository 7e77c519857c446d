"""Article pages and RawArticle records: HTML decoding and the record built from an item and its page."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass

from schemas.records import RawArticle
from services.poller.fetch import FetchResult
from services.poller.parse import FeedItem

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class PageOutcome:
    """The fetched page of an item, or why there is none."""

    html: str | None = None
    final_url: str | None = None
    error: str | None = None


def known_charset(name: str | None) -> str | None:
    """name when Python has a codec for it."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def page_charset(content_type: str | None, body: bytes) -> str:
    """Charset from the Content-Type header, else a <meta charset>, else UTF-8."""
    header = CHARSET_PARAM.search(content_type or "")
    meta = META_CHARSET.search(body[:SNIFF_BYTES])
    from_header = known_charset(header.group(1)) if header else None
    from_meta = known_charset(meta.group(1).decode("ascii", "replace")) if meta else None
    return from_header or from_meta or "utf-8"


def page_outcome(result: FetchResult) -> PageOutcome:
    """The page as text when it is HTML (or untyped); otherwise an error naming its type."""
    media_type = (result.content_type or "text/html").split(";", 1)[0].strip().lower()
    if media_type not in HTML_TYPES:
        return PageOutcome(final_url=result.final_url, error=f"not an HTML page: {media_type}")
    return PageOutcome(html=decode_page(result.body, result.content_type), final_url=result.final_url)


def decode_page(body: bytes, content_type: str | None) -> str:
    """The page as text in its declared charset, falling back to UTF-8; undecodable bytes are replaced."""
    try:
        return body.decode(page_charset(content_type, body), errors="replace")
    except LookupError:  # a codec that is not a text encoding (rot13, base64, ...)
        return body.decode("utf-8", errors="replace")


def raw_article(item: FeedItem, feed_url: str, source: str, page: PageOutcome, fetched_at: dt.datetime) -> RawArticle:
    """The news.raw record for an item; html is None and fetch_error set when the page was not fetched."""
    return RawArticle(
        article_id=item.article_id,
        url=item.url,
        feed_url=feed_url,
        source=source,
        guid=item.guid,
        title=item.title,
        summary=item.summary,
        feed_content=item.content,
        feed_published=item.published,
        html=page.html,
        final_url=page.final_url,
        fetch_error=page.error,
        fetched_at=fetched_at,
    )
