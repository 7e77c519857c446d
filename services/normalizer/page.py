"""What an HTML page says about itself: titles, site names, canonical link, dates, captions, visible lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from services.normalizer.text import clean_line

TITLE_SEPARATORS = re.compile(r"\s+[–—·»-]\s+|\s*(?:\||::)\s*")
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "head")
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "article",
    "section", "header", "footer", "aside", "nav", "main", "figure", "figcaption", "table", "tr", "td",
    "th", "dd", "dt", "dl", "pre", "address", "time", "hr", "form",
})
PUBLISHED_META_NAMES = (
    "article:published_time", "og:published_time", "og:article:published_time", "article.published",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article_date_original", "originalpublicationdate",
    "date_published", "citation_publication_date", "rnews:datepublished",
)
SITE_NAME_META = ("og:site_name", "application-name")
SITE_NAME_MAX_WORDS = 4


@dataclass
class PageInfo:
    """Metadata read from the page's markup (all strings cleaned, in order of trust)."""

    titles: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    canonical: str | None = None
    urls: list[str] = field(default_factory=list)  # the page's own addresses: canonical link, og:url
    meta_dates: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    tree: lxml.html.HtmlElement | None = field(default=None, repr=False, compare=False)

    def visible_lines(self) -> Iterator[str]:
        """The page's visible text, one cleaned line per block, cleaned only as far as it is read.

        Marks block boundaries in the tree, so call it after everything else was read from the page.
        """
        if self.tree is None:
            return
        for line in block_text(self.tree).split("\n"):
            cleaned = clean_line(line) if line.strip() else ""
            if cleaned:
                yield cleaned


def parse_html(markup: str) -> lxml.html.HtmlElement | None:
    """Parse a page with lxml, or None when there is nothing to parse."""
    try:
        return lxml.html.document_fromstring(markup)
    except ValueError:  # a str with an XML encoding declaration
        parser = lxml.html.HTMLParser(encoding="utf-8")
        try:
            return lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
        except (ValueError, lxml.etree.ParserError):
            return None
    except lxml.etree.ParserError:
        return None


def block_text(element: lxml.html.HtmlElement) -> str:
    """The visible text of an element with a line break around every block; the element is modified."""
    lxml.etree.strip_elements(element, *INVISIBLE_TAGS, lxml.etree.Comment, with_tail=False)
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag.lower() in BLOCK_TAGS:
            node.tail = "\n" + (node.tail or "")
            node.text = "\n" + (node.text or "")
    return str(element.text_content())


def read_page(tree: lxml.html.HtmlElement, source: str = "") -> PageInfo:
    """Read titles, site names, canonical link, date strings, captions and visible lines from a page."""
    info = PageInfo()
    meta = _meta_contents(tree)
    h1 = next((clean_line(el.text_content()) for el in tree.iter("h1")), "")
    head_title = clean_line(tree.findtext(".//title") or "")
    meta_sites = [clean_line(meta.get(name, "")) for name in SITE_NAME_META]
    headline, site_part = split_site_name(head_title, [*meta_sites, source])
    info.titles = _unique([h1, clean_line(meta.get("og:title", "")), headline])
    info.site_names = _unique([*meta_sites, site_part])
    info.canonical = _canonical_href(tree)
    info.urls = _unique([info.canonical or "", meta.get("og:url", "")])
    info.meta_dates = _unique([meta[name] for name in PUBLISHED_META_NAMES if name in meta]
                              + list(_json_ld_dates(tree)) + list(_time_datetimes(tree)))
    info.captions = _unique([clean_line(el.text_content()) for el in tree.iter("figcaption")])
    info.tree = tree
    return info


def split_site_name(title: str, known_sites: list[str] | None = None) -> tuple[str, str]:
    """Split "Headline | Site" or "Site – Headline" into (headline, site); site is "" when there is none.

    A part equal to a known site name is the site; otherwise the last part is, when it is short
    (site names rarely run past four words) or shorter than the first.
    """
    separators = list(TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title, ""
    first, last = separators[0], separators[-1]
    prefix, suffix = title[: first.start()], title[last.end() :]
    known = {name.casefold() for name in known_sites or []}
    if prefix.casefold() in known and suffix.casefold() not in known:
        return title[first.end() :], prefix
    if suffix.casefold() in known or len(suffix.split()) <= SITE_NAME_MAX_WORDS or len(suffix) <= len(prefix):
        return title[: last.start()], suffix
    return title[first.end() :], prefix


def _meta_contents(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """{lower-cased name/property/itemprop: content} of the page's <meta> tags, first occurrence wins."""
    contents: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content:
            contents.setdefault(key.strip().lower(), content.strip())
    return contents


def _canonical_href(tree: lxml.html.HtmlElement) -> str | None:
    """The href of <link rel="canonical">, if any."""
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return str(el.get("href")).strip()
    return None


def _json_ld_dates(tree: lxml.html.HtmlElement) -> Iterator[str]:
    """Every datePublished in the page's JSON-LD blocks."""
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        yield from _find_key(data, "datePublished")


def _find_key(data: object, key: str) -> Iterator[str]:
    """Every string value of `key` anywhere in a JSON document."""
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str):
            yield value
        for child in data.values():
            yield from _find_key(child, key)
    elif isinstance(data, list):
        for child in data:
            yield from _find_key(child, key)


def _time_datetimes(tree: lxml.html.HtmlElement) -> Iterator[str]:
    """datetime attributes of <time> elements, those marked as the publication time first."""
    times = [el for el in tree.iter("time") if el.get("datetime")]
    marked = [el for el in times if el.get("pubdate") is not None or el.get("itemprop") == "datePublished"]
    for el in marked + [el for el in times if el not in marked]:
        yield str(el.get("datetime")).strip()


def _unique(values: list[str]) -> list[str]:
    """Non-empty values, first occurrence only."""
    return list(dict.fromkeys(value for value in values if value))
