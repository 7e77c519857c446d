"""Small builders of valid records for unit tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from schemas.records import Actor, Article, EventMention, EventType, Location, Quantity
from services.clusterer.evidence import evidence_of

NOW = dt.datetime(2025, 2, 12, 9, 0, tzinfo=dt.UTC)


def article(article_id: str = "a1", text: str = "Word " * 40, **kw: Any) -> Article:
    """A normalised article."""
    base: dict[str, Any] = dict(
        article_id=article_id, url=f"https://ledger.example/{article_id}",
        canonical_url=f"https://ledger.example/{article_id}", source="ledger", feed_url="https://ledger.example/rss",
        title="Farmers protest in Rennes", text=text, language="en", published_at=NOW,
        content_hash=hashlib.sha256(text.encode()).hexdigest(), word_count=len(text.split()), fetched_at=NOW,
    )
    base.update(kw)
    return Article(**base)


RENNES = Location(name="Rennes", admin1="Brittany", country="FR", lat=48.11, lon=-1.67, precision="place")
BREST = Location(name="Brest", admin1="Brittany", country="FR", lat=48.39, lon=-4.49, precision="place")
REGENSBURG = Location(name="Regensburg", admin1="Bavaria", country="DE", lat=49.02, lon=12.1, precision="place")


def mention(mention_id: str, *, article_id: str | None = None, source: str = "ledger", plover: str = "PROTEST",
            day: dt.date = dt.date(2025, 2, 11), location: Location | None = RENNES,
            actors: list[Actor] | None = None, quantities: list[Quantity] | None = None,
            date_source: str = "text", confidence: float = 0.7, sentence: str = "Farmers protested in Rennes.",
            published: dt.datetime = NOW, title: str = "Farmers protest in Rennes", key: str = "en",
            lead: str | None = None) -> EventMention:
    """An event mention; its evidence is read from ``title`` and ``lead`` (default: the sentence)."""
    return EventMention(
        mention_id=mention_id, article_id=article_id or f"art-{mention_id}", url=f"https://{source}.example/{mention_id}",
        source=source, published_at=published, event_type=EventType(plover=plover, mode="demo", cameo="141"),
        actors=actors if actors is not None else [Actor(role="source", name="French farmers", kind="civilians",
                                                        country="FR", surface_forms=["farmers"])],
        location=location, event_date=day, date_precision="day", date_source=date_source,  # type: ignore[arg-type]
        quantities=quantities or [], sentence=sentence, confidence=confidence,
        blocking_key=key, extracted_at=NOW, title=title, evidence=evidence_of(title, lead or sentence),
    )
