"""Making a RawArticle carriable: a bounded title, a page a parser can read, and a record that fits news.raw.

Order: a url over MAX_URL_CHARS is refused and a final_url over it dropped;
the title is cut to max_title_chars; tags nested deeper than MAX_DEPTH
are dropped (their text stays); when the record is still over the limit the
page loses its non-text markup (scripts but JSON-LD, styles, SVG, comments,
inline data), then the largest cuttable text is cut at its end (final_url is
dropped instead) until it fits. Each change is named in ``RawArticle.trimmed``.
What is never cut (url, feed_url, source) can still make a record too large:
RecordTooLargeError, and the item is recorded as lost.
"""

from __future__ import annotations

import re

import pydantic_core

from schemas.records import RawArticle
from services.common.codecs import encode

MAX_URL_CHARS = 16_384  # stages downstream key and copy the url (url and canonical_url of every Article)
MAX_DEPTH = 128  # libxml2 stops building the tree at 256 levels; uncounted auto-closed tags need room
CUTTABLE = ("html", "feed_content", "summary", "fetch_error", "guid", "final_url")  # a URL is dropped, not cut
CUT_SLACK_BYTES = 256
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # keeps offsets
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
VOID_OR_AUTO_CLOSED = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rp", "rt",
})
END_TAG_LOOKBACK = 64
BULK_ELEMENTS = (("<script", "</script"), ("<style", "</style"), ("<svg", "</svg"), ("<!--", "-->"))
JSON_LD = "application/ld+json"
DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]{64,}")


class RecordTooLargeError(ValueError):
    """The record is over news.raw's limit even with every cuttable text cut."""


def fit_record(raw: RawArticle, limit: int, max_title_chars: int) -> RawArticle:
    """The record, changed as little as needed to be at most limit bytes encoded; raises RecordTooLargeError."""
    if len(raw.url) > MAX_URL_CHARS:
        raise RecordTooLargeError(f"its url is {len(raw.url)} characters, over {MAX_URL_CHARS}")
    trimmed = list(raw.trimmed)
    if raw.final_url and len(raw.final_url) > MAX_URL_CHARS:
        raw = raw.model_copy(update={"final_url": None})
        trimmed.append("final_url")
    if raw.title and len(raw.title) > max_title_chars:
        raw = raw.model_copy(update={"title": raw.title[:max_title_chars].rstrip()})
        trimmed.append("title")
    if raw.html:
        flat = flatten_deep(raw.html)
        if flat != raw.html:
            raw = raw.model_copy(update={"html": flat})
            trimmed.append("html-depth")
    if surely_fits(raw, limit):
        return raw.model_copy(update={"trimmed": trimmed}) if trimmed else raw
    if encoded_size(raw, trimmed) > limit and raw.html:
        lean = drop_bulk(raw.html)
        if lean != raw.html:
            raw = raw.model_copy(update={"html": lean})
            trimmed.append("html-markup")
    while (size := encoded_size(raw, trimmed)) > limit:
        name = max(CUTTABLE, key=lambda n: len(getattr(raw, n) or ""))
        value: str = getattr(raw, name) or ""
        if not value:
            raise RecordTooLargeError(f"{size} bytes with every text cut, over news.raw's limit of {limit} "
                                      f"(url {len(raw.url)}, feed_url {len(raw.feed_url)} characters)")
        shorter = None if name == "final_url" else cut_text(value, keep_fraction(value, size - limit)) or None
        raw = raw.model_copy(update={name: shorter})
        trimmed.extend([] if name in trimmed else [name])
    return raw.model_copy(update={"trimmed": trimmed})


def encoded_size(raw: RawArticle, trimmed: list[str]) -> int:
    """Bytes of the record on news.raw once trimmed lists its changes."""
    return len(encode(raw.model_copy(update={"trimmed": trimmed})))


def surely_fits(raw: RawArticle, limit: int) -> bool:
    """True when even the worst JSON escaping (6 bytes a character) of every text stays under limit."""
    texts = (raw.url, raw.feed_url, raw.source, raw.guid, raw.title, raw.summary, raw.feed_content, raw.html,
             raw.final_url, raw.fetch_error)
    return sum(len(t) for t in texts if t) * 6 + 1024 <= limit


def keep_fraction(value: str, excess: int) -> float:
    """Share of value to keep so that its encoded form loses excess bytes (and a little more)."""
    encoded = len(encode_text(value))
    return max(0.0, (encoded - excess - CUT_SLACK_BYTES) / encoded)


def encode_text(value: str) -> bytes:
    """The text as a JSON string, encoded as inside a record (pydantic-core: UTF-8, control characters escaped)."""
    return pydantic_core.to_json(value)


def cut_text(value: str, fraction: float) -> str:
    """The first fraction of value, ending before a tag's '<' when one is near the cut."""
    end = int(len(value) * fraction)
    tag = value.rfind("<", max(0, end - 2048), end)
    return value[: tag if tag > 0 else end]


def drop_bulk(html: str) -> str:
    """The page without scripts (JSON-LD kept), styles, SVG, comments and long inline data URIs."""
    lower = html.translate(ASCII_LOWER)
    keep: list[str] = []
    position = 0
    for start, end in sorted(bulk_spans(lower)):
        if start >= position:
            keep.append(html[position:start])
            position = end
    keep.append(html[position:])
    return DATA_URI.sub("data:,", "".join(keep))


def bulk_spans(lower: str) -> list[tuple[int, int]]:
    """(start, end) of every script (not JSON-LD), style, svg and comment in a lower-cased page; linear time."""
    spans: list[tuple[int, int]] = []
    for opening, closing in BULK_ELEMENTS:
        start = lower.find(opening)
        while start != -1:
            stop = lower.find(closing, start + len(opening))
            if stop == -1:
                break  # unclosed to the end: no later element of this kind can close either
            end = lower.find(">", stop) + 1 if closing != "-->" else stop + 3
            end = end or len(lower)
            if opening != "<script" or JSON_LD not in lower[start:lower.find(">", start)]:
                spans.append((start, end))
            start = lower.find(opening, end)
    return spans


def flatten_deep(html: str, max_depth: int = MAX_DEPTH) -> str:
    """The page with start and end tags nested deeper than max_depth removed (their text stays); linear time."""
    stack: list[tuple[str, bool]] = []
    drops: list[tuple[int, int]] = []
    for match in TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in VOID_OR_AUTO_CLOSED or match.group(0).endswith("/>"):
            continue
        if not closing:
            deep = len(stack) >= max_depth
            stack.append((name, deep))
            if deep:
                drops.append(match.span())
            continue
        for index in range(len(stack) - 1, max(-1, len(stack) - 1 - END_TAG_LOOKBACK), -1):
            if stack[index][0] == name:
                if stack[index][1]:
                    drops.append(match.span())
                del stack[index:]
                break
    if not drops:
        return html
    parts: list[str] = []
    position = 0
    for start, end in drops:
        parts.append(html[position:start])
        position = end
    parts.append(html[position:])
    return "".join(parts)
