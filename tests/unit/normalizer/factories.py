"""Builders for the normalizer's tests: fixture files and RawArticles with sensible defaults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from schemas.records import RawArticle

FIXTURES = Path(__file__).parent / "fixtures"
FETCHED_AT = dt.datetime(2021, 9, 20, 12, 0, tzinfo=dt.UTC)
SITE = "https://www.northernledger.example"


def fixture(name: str) -> str:
    """The text of a fixture file."""
    return (FIXTURES / name).read_text(encoding="utf-8")


def make_raw(**fields: Any) -> RawArticle:
    """A RawArticle from the fictional Northern Ledger feed; keyword arguments override any field."""
    defaults: dict[str, Any] = {
        "article_id": "0b6a3f55-7c1e-5d52-9e51-2f5a4c1d9e01",
        "url": f"{SITE}/news/story",
        "feed_url": f"{SITE}/rss.xml",
        "source": "Northern Ledger",
        "fetched_at": FETCHED_AT,
    }
    return RawArticle(**(defaults | fields))
