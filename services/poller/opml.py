"""OPML export of the stored feeds (import is feedlist.parse_opml)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from services.poller.models import FeedState


def to_opml(feeds: Iterable[FeedState], title: str = "newsflow feeds") -> str:
    """An OPML 2.0 document with one rss outline per feed; disabled feeds are marked with a category."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.feed_url
        outline = ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.feed_url)
        if not feed.enabled:
            outline.set("category", "/newsflow/disabled")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
