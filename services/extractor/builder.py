"""The one EventMention builder: every mention the extractor emits is made by ``build_mention``.

It sets what every mention shares: its stable id, the article's fields, the deciding key (the article's language:
every report that may join another meets it on that key's partition) and the evidence for clustering (the
principal mention, number 0, the headline and lead; a secondary one its sentence).
"""

from __future__ import annotations

import datetime as dt
import uuid

from schemas.records import Actor, Article, EventMention, EventType, Location, Quantity
from services.clusterer.evidence import evidence_of
from services.extractor.dating import EventDate
from services.extractor.places import PlaceHit

MENTION_NAMESPACE = uuid.UUID("5b0f7c1e-3d2a-5e47-9a61-6e6577736677")


def mention_id(article_id: str, index: int) -> str:
    """Stable id of an article's n-th event mention (uuid5)."""
    return str(uuid.uuid5(MENTION_NAMESPACE, f"{article_id}:{index}"))


def deciding_key(article: Article) -> str:
    """The key of news.mentions: every report that may join another meets it on this key's partition."""
    return (article.language or "und").lower()


def location(hit: PlaceHit | None) -> Location | None:
    """A place hit as the schema's Location."""
    if hit is None:
        return None
    place = hit.place
    return Location(
        name=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision="admin1" if place.precision == "admin2" else place.precision,  # the record's coarser area
        geonameid=place.geonameid,
        surface_forms=hit.surface,
    )


def build_mention(
    article: Article,
    index: int,
    event_type: EventType,
    actors: list[Actor],
    hit: PlaceHit | None,
    date: EventDate,
    quantities: list[Quantity],
    sentence: str,
    confidence: float,
    extracted_at: dt.datetime,
) -> EventMention:
    """The article's ``index``-th mention (0: the principal one)."""
    event_date, precision, source = date
    dated = article.published_source != "fetched" and article.published_precision in ("minute", "day")
    return EventMention(
        mention_id=mention_id(article.article_id, index),
        article_id=article.article_id,
        url=article.canonical_url,
        source=article.source,
        title=article.title,
        published_at=article.published_at,
        event_type=event_type,
        actors=actors,
        location=location(hit),
        event_date=event_date,
        date_precision=precision,
        date_source=source,
        quantities=quantities,
        sentence=sentence,
        confidence=confidence,
        blocking_key=deciding_key(article),
        extracted_at=extracted_at,
        evidence=evidence_of(article.title, article.text, dated) if index == 0 else evidence_of(None, sentence, dated),
    )
