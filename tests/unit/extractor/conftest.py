"""Shared fixtures: the process's extractor (spaCy and data loaded once) and an article builder."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest

from schemas.records import Article
from services.extractor.extract import EventExtractor, load_extractor

ArticleFactory = Callable[..., Article]


@pytest.fixture(scope="session")
def extractor() -> EventExtractor:
    """The cached extractor."""
    return load_extractor()


def make_article(title: str, text: str, published: str = "2024-05-15T10:00", article_id: str = "a1") -> Article:
    """A normalised article as the normaliser would emit it."""
    when = dt.datetime.fromisoformat(published).replace(tzinfo=dt.UTC)
    return Article(
        article_id=article_id,
        url=f"https://example.org/{article_id}",
        canonical_url=f"https://example.org/{article_id}",
        source="example",
        feed_url="https://example.org/feed",
        title=title,
        text=text,
        published_at=when,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        word_count=len(text.split()),
        fetched_at=when,
    )
