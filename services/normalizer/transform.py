"""RawArticle → Article: main text, boilerplate, captions, title, publication date, language, canonical URL."""

from __future__ import annotations

import hashlib
from itertools import chain

from schemas.records import Article, RawArticle
from services.normalizer.body import Body, strip_boilerplate
from services.normalizer.canonical import resolve_canonical_url
from services.normalizer.dates import is_date_line
from services.normalizer.extract import markup_line, markup_paragraphs, page_paragraphs
from services.normalizer.language import detect_language
from services.normalizer.page import PageInfo, parse_html, read_page
from services.normalizer.pagedate import page_day
from services.normalizer.published import resolve_publication
from services.normalizer.text import join_paragraphs, word_count


class NormalisationError(ValueError):
    """The raw article has neither a title nor any text: nothing to publish."""


def normalise(raw: RawArticle) -> Article:
    """Turn a raw feed item and its fetched page into a normalised Article.

    Pure and deterministic for a given input, so a redelivered record yields the same Article
    (same content_hash). A page is ignored when `fetch_error` is set; the feed's content or
    summary is then the text.
    """
    html = raw.html if raw.html and not raw.fetch_error else None
    tree = parse_html(html) if html else None
    page = read_page(tree, raw.source) if tree is not None else PageInfo()
    page_lines = page_paragraphs(html, raw.final_url or raw.url) if html and tree is not None else []
    feed_lines = markup_paragraphs(raw.feed_content) or markup_paragraphs(raw.summary)

    title = headline(markup_line(raw.title) or next(iter(page.titles), ""), page.titles, page_lines or feed_lines)
    titles = [title, *page.titles]
    site_names = [*page.site_names, raw.source]
    body = _longer(strip_boilerplate(page_lines, titles, site_names, page.captions),
                   strip_boilerplate(feed_lines, titles, site_names, []))
    text = join_paragraphs(body.paragraphs)
    if not title and not text:
        raise NormalisationError(f"article {raw.article_id} has no title and no text")

    urls = [url for url in (*page.urls, raw.final_url, raw.url) if url]
    published = resolve_publication(
        raw.feed_published, lambda: page_day(html, urls[0] if urls else None, raw.fetched_at) if html else None,
        page.meta_dates, urls, chain(page_lines, page.visible_lines(), feed_lines),
        raw.fetched_at,
    )
    return Article(
        article_id=raw.article_id,
        url=raw.url,
        canonical_url=resolve_canonical_url(page.canonical, raw.final_url, raw.url),
        source=raw.source,
        feed_url=raw.feed_url,
        title=title,
        text=text,
        captions=list(dict.fromkeys([*body.captions, *page.captions])),
        language=detect_language(text or title),
        published_at=published.at,
        published_precision=published.precision,
        published_source=published.source,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        word_count=word_count(text),
        fetched_at=raw.fetched_at,
    )


def headline(title: str, page_titles: list[str], lines: list[str]) -> str:
    """The article's headline: its title, unless that is only a date line ("April 27, 2009", "Posted 11/27/2005
    7:21 AM": a page or feed that put its dateline where the headline goes), then the page's first other title
    or, failing that, the first of the first three lines of its text that is not a date line."""
    if not title or not is_date_line(title):
        return title
    return next((t for t in [*page_titles, *lines[:3]] if t.strip() and not is_date_line(t)), title)


def _longer(page_body: Body, feed_body: Body) -> Body:
    """The page's body unless the feed carries more words (page missing, paywalled or badly extracted)."""
    page_words = word_count(" ".join(page_body.paragraphs))
    feed_words = word_count(" ".join(feed_body.paragraphs))
    if page_words >= feed_words:
        return page_body
    return Body(feed_body.paragraphs, page_body.captions + feed_body.captions, feed_body.removed)
