"""Main text as paragraphs: from the fetched page with trafilatura, from feed markup with lxml."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from services.normalizer.mainxml import body_lines
from services.normalizer.text import CONTROL_CHARS, clean_text, split_paragraphs

LOOKS_LIKE_MARKUP = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z][\w:-]*|!--)[^<>]*>")
PARAGRAPH_TAGS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre", "tr")


def page_paragraphs(html: str, url: str | None = None) -> list[str]:
    """The page's main text, one cleaned line per paragraph; [] when trafilatura finds none."""
    document = trafilatura.bare_extraction(
        html, url=url, fast=False, include_comments=False, include_tables=True, include_images=False,
        favor_precision=False, with_metadata=False, deduplicate=False,
    )
    body = getattr(document, "body", None)
    return body_lines(body) if body is not None else []


def markup_paragraphs(markup: str | None) -> list[str]:
    """Paragraphs of a feed's summary or content, whether it is HTML or plain text."""
    if not markup or not markup.strip():
        return []
    markup = CONTROL_CHARS.sub("", markup)  # lxml refuses strings with control characters
    if not LOOKS_LIKE_MARKUP.search(markup):
        return split_paragraphs(clean_text(markup))
    try:
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return split_paragraphs(clean_text(LOOKS_LIKE_MARKUP.sub(" ", markup)))
    for br in fragment.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in fragment.iter(*PARAGRAPH_TAGS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    lxml.etree.strip_elements(fragment, "script", "style", lxml.etree.Comment, with_tail=False)
    return split_paragraphs(clean_text(fragment.text_content()))


def markup_line(markup: str | None) -> str:
    """A one-line text from markup, as for a title."""
    return " ".join(markup_paragraphs(markup))

