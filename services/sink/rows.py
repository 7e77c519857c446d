"""Records → table rows (pure): what the sink writes for each record type."""

from __future__ import annotations

from typing import Any

from schemas.records import Article, DeadLetter, Duplicate, Event, MentionRef, RawArticle


def raw_row(raw: RawArticle, payload: bytes) -> tuple[Any, ...]:
    """A row of ``raw_articles``: the original bytes, kept for replay."""
    return (raw.article_id, raw.url, raw.feed_url, raw.fetched_at, payload)


def article_row(article: Article, duplicate_of: str | None = None) -> tuple[Any, ...]:
    """A row of ``articles``."""
    return (article.article_id, article.url, article.canonical_url, article.source, article.feed_url,
            article.title, article.text, article.captions, article.language, article.published_at,
            article.published_precision, article.published_source, article.content_hash, article.word_count,
            duplicate_of, article.fetched_at, utc_offset_minutes(article))


def utc_offset_minutes(article: Article) -> int | None:
    """The UTC offset of the article's publication time in minutes, when it carries one other than UTC's."""
    offset = article.published_at.utcoffset() if article.published_at else None
    return int(offset.total_seconds() // 60) if offset else None


def duplicate_row(dup: Duplicate) -> tuple[Any, ...]:
    """A row of ``duplicates``."""
    return (dup.article_id, dup.duplicate_of, dup.kind, dup.similarity, dup.detected_at)


def event_row(event: Event) -> tuple[Any, ...]:
    """A row of ``events`` (the whole record kept as JSON beside the indexed columns)."""
    loc = event.location
    return (event.event_id, event.version, event.event_type.plover, event.event_type.mode, event.event_type.cameo,
            event.event_date, event.date_precision, loc.country if loc else None, loc.admin1 if loc else None,
            loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None, event.num_mentions,
            event.num_sources, event.num_articles, event.confidence, event.first_reported, event.last_reported,
            event.model_dump(mode="json"), event.updated_at)


def actor_rows(event: Event) -> list[tuple[Any, ...]]:
    """Rows of ``event_actors``."""
    return list({(event.event_id, a.role, a.name): (event.event_id, a.role, a.name, a.kind, a.country)
                 for a in event.actors}.values())


def mention_row(event: Event, m: MentionRef) -> tuple[Any, ...]:
    """A row of ``event_mentions`` for a mention ``event``'s version added: with what the clusterer read of it
    (``Event.added``, without the sentence), the version and the time, so open events can be rebuilt."""
    full = next((a for a in event.added if a.mention_id == m.mention_id), None)
    detail = full.model_dump(mode="json", exclude={"sentence"}) if full is not None else None
    return (m.mention_id, event.event_id, m.article_id, m.url, m.source, m.published_at, m.sentence, m.confidence,
            detail, event.version if full is not None else None, event.updated_at if full is not None else None)


def dead_letter_row(letter: DeadLetter) -> tuple[Any, ...]:
    """A row of ``dead_letters``."""
    return (letter.stage, letter.error_type, letter.error, letter.topic, letter.partition, letter.offset,
            letter.model_dump(mode="json"), letter.failed_at)

