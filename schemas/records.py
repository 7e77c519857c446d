"""Pydantic models for every record on newsflow's topics.

Every record carries ``schema_version``; within one version changes are
additive only (new optional fields), so a consumer written against a version
keeps working. ``Event`` is at version 2 (see its docstring); the others at 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1
EVENT_SCHEMA_VERSION = 2  # Event.mentions and Event.copies became bounded windows
MENTIONS_IN_RECORD = 20  # mentions (and copies) an Event record lists; the rest are in Postgres

Uuid = Annotated[
    str,
    Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
          description="a lower-case UUID (stable ids are uuid5)"),
]
DatePrecision = Literal["minute", "day", "week", "month", "year"]


class Record(BaseModel):
    """Base of every topic record: strict about unknown fields, versioned."""

    model_config = ConfigDict(extra="ignore", frozen=False)
    schema_version: int = SCHEMA_VERSION


class RawArticle(Record):
    """A feed item as the poller saw it, with the linked page if it was fetched."""

    article_id: Uuid = Field(description="uuid5 of the item's cleaned URL (GUID when it has none)")
    url: str = Field(description="item link, tracking parameters removed")
    feed_url: str
    source: str = Field(description="short source name (feed title or host)")
    guid: str | None = None
    title: str | None = None
    summary: str | None = Field(None, description="the feed's description of the item (HTML or text)")
    feed_content: str | None = Field(None, description="full content the feed carries, if any (HTML)")
    feed_published: dt.datetime | None = Field(None, description="item date from the feed, UTC")
    html: str | None = Field(None, description="the fetched article page")
    final_url: str | None = Field(None, description="page URL after redirects")
    fetch_error: str | None = Field(None, description="why the page could not be fetched, if it was not")
    fetched_at: dt.datetime
    trimmed: list[str] = Field(
        default_factory=list,
        description="what the poller changed so the record fits news.raw and the page parses: 'title' (cut to "
                    "poller.max_title_chars), 'html-depth' (tags nested too deep for a parser flattened, text kept), "
                    "'html-markup' (scripts, styles, SVG, comments and inline data dropped), and any of 'html', "
                    "'feed_content', 'summary', 'fetch_error', 'guid' cut at the end, or 'final_url' dropped; empty "
                    "when nothing was")


class Article(Record):
    """A normalised article: clean text, dates, language, canonical URL, content hash."""

    article_id: str
    url: str
    canonical_url: str
    source: str
    feed_url: str
    title: str
    text: str = Field(description="main text; paragraphs separated by blank lines")
    captions: list[str] = Field(default_factory=list, description="photo captions, kept apart from the body")
    language: str | None = Field(None, description="ISO 639-1 code of the body's language")
    published_at: dt.datetime | None = Field(None, description=(
        "publication time, with the UTC offset the page gives (feed dates in UTC); its date is the local day "
        "the page shows"))
    published_precision: DatePrecision | None = None
    published_source: Literal["feed", "page-meta", "page-text", "fetched"] | None = None
    content_hash: str = Field(description="sha256 of the normalised text")
    word_count: int = 0
    fetched_at: dt.datetime


class Duplicate(Record):
    """An article found to repeat an earlier one; the copy itself rides along."""

    article_id: str
    duplicate_of: str
    kind: Literal["url", "content", "near"]
    similarity: float = Field(ge=0.0, le=1.0)
    detected_at: dt.datetime
    article: Article


class EventType(BaseModel):
    """PLOVER type and mode with the nearest CAMEO code."""

    plover: str
    mode: str | None = None
    cameo: str | None = None


class Actor(BaseModel):
    """A source or target actor resolved to a canonical name, or left as its text."""

    role: Literal["source", "target"]
    name: str
    kind: str | None = Field(None, description="state, government, military, police, armed group, rebels, ...")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    code: str | None = Field(None, description="CAMEO actor code, when known")
    surface_forms: list[str] = Field(default_factory=list)
    resolved: bool = True


class Location(BaseModel):
    """A geocoded place."""

    name: str
    admin1: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    lat: float | None = None
    lon: float | None = None
    precision: Literal["place", "admin1", "country"] = "place"
    geonameid: int | None = None
    surface_forms: list[str] = Field(default_factory=list)


class Quantity(BaseModel):
    """What was counted, every figure reported for it and the range they span."""

    what: str
    min: int
    max: int
    reported: list[int] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list, description="the phrases the figures came from")


class Evidence(BaseModel):
    """What a report says, for clustering: its content words with counts, names, figures and years."""

    terms: dict[str, int] = Field(default_factory=dict, description="content words of headline (counted twice) "
                                  "and lead, lower-cased and singular, stop words out; the most frequent kept")
    headline: list[str] = Field(default_factory=list, description="the content words of the headline")
    names: list[str] = Field(default_factory=list, description="capitalised words not opening a sentence, lower-cased")
    numbers: list[str] = Field(default_factory=list, description="figures other than years, as written without commas")
    years: list[int] = Field(default_factory=list)
    dated: bool = Field(True, description="the publication time is the feed's or the page's, not the fetch time")


class EventMention(Record):
    """One article's report of one happening."""

    mention_id: str
    article_id: str
    url: str
    source: str
    title: str | None = None
    published_at: dt.datetime | None = None
    event_type: EventType
    actors: list[Actor] = Field(default_factory=list)
    location: Location | None = None
    event_date: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_source: Literal["text", "publication", "fetched"] | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    sentence: str
    confidence: float = Field(ge=0.0, le=1.0)
    blocking_key: str = Field(description="the deciding key (the article's language): mentions that may merge "
                              "meet in its partition")
    extracted_at: dt.datetime
    evidence: Evidence | None = Field(None, description="what the report says, for clustering (services/clusterer)")
    of_article: int | None = Field(None, ge=1, description=(
        "how many mentions the extractor derived from the article: Postgres holds them all once it holds this many "
        "(recovery replays an article stored with fewer)"))


class MentionRef(BaseModel):
    """A mention as it is kept inside an event."""

    mention_id: str
    article_id: str
    url: str
    source: str
    published_at: dt.datetime | None = None
    sentence: str = Field(description="the evidence sentence; on news.events every mention carries it (the sink "
                                      "fills it from event_mentions); on the internal news.event-updates only "
                                      "the version that added the mention (new_mention_ids) does")
    confidence: float = 0.0
    event_date: dt.date | None = None


class CopyRef(BaseModel):
    """A copy dedup diverted from one of the event's articles: never extracted, but its outlet reported the event."""

    article_id: str
    url: str
    source: str
    published_at: dt.datetime | None = None
    kind: Literal["url", "content", "near"]
    similarity: float = Field(1.0, ge=0.0, le=1.0)
    copy_of: str = Field(description="the article it copies: a mention's article, or another copy of one")


class Event(Record):
    """One real-world happening and every report of it; a new version on every update.

    Schema version 2: ``mentions`` and ``copies`` are bounded windows (version 1 listed every one), so a
    version's size and cost do not grow with the event; the counts cover them all.
    """

    schema_version: int = EVENT_SCHEMA_VERSION
    event_id: str
    version: int = Field(ge=1)
    event_type: EventType
    actors: list[Actor] = Field(default_factory=list)
    location: Location | None = None
    event_date: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_source: Literal["text", "publication", "fetched"] | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    mentions: list[MentionRef] = Field(default_factory=list, description=(
        "at most MENTIONS_IN_RECORD (20) of the event's mentions, earliest report first: the first report, "
        "the mentions this version added, and the most recently published others; num_mentions counts them all "
        "and Postgres (event_mentions) keeps every one"))
    new_mention_ids: list[str] = Field(default_factory=list,
                                       description="the mentions this version added (their refs carry the sentence)")
    num_mentions: int = 0
    num_sources: int = 0
    num_articles: int = 0
    first_reported: dt.datetime | None = None
    last_reported: dt.datetime | None = None
    confidence: float = Field(0.0, ge=0.0, le=1.0)
    blocking_key: str = ""
    updated_at: dt.datetime
    copies: list[CopyRef] = Field(default_factory=list, description=(
        "filled by the sink from Postgres: copies of the mentions' articles, at most MENTIONS_IN_RECORD (20), "
        "earliest published first; num_copies counts them all"))
    num_copies: int = Field(0, description="copies of the mentions' articles, all of them (sink)")
    num_sources_with_copies: int | None = Field(None, description="distinct outlets of mentions and copies (sink)")
    added: list[EventMention] = Field(default_factory=list, description=(
        "news.event-updates only: the mentions this version added, in full as the clusterer read them (type, "
        "actors, place, counts, evidence), which the sink stores so open events can be rebuilt from Postgres; "
        "always empty on news.events and in events.record"))


class DeadLetter(Record):
    """A record that failed validation or processing, with everything needed to replay it."""

    stage: str
    error_type: str
    error: str
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key_b64: str | None = None
    value_b64: str = Field(description="the original bytes, base64")
    headers: list[tuple[str, str]] = Field(default_factory=list, description="name, base64 value")
    attempts: int = 1
    failed_at: dt.datetime


class _Listed(Protocol):
    @property
    def mention_id(self) -> str: ...

    @property
    def published_at(self) -> dt.datetime | None: ...


L = TypeVar("L", bound=_Listed)


def by_publication(mentions: list[L]) -> list[L]:
    """Mentions (or their refs) earliest report first, undated last, ties by id: the order a record lists."""
    latest = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(mentions, key=lambda m: (m.published_at or latest, m.mention_id))


def in_record(mentions: list[L], new: set[str], size: int = MENTIONS_IN_RECORD) -> list[L]:
    """The mentions an ``Event`` record lists, from all of them in publication order: the first report, the
    ones the version adds (``new``), then the most recently published others, ``size`` in all (more only if
    the version adds more). A record's size and cost stay flat however large its event grows."""
    if len(mentions) <= size:
        return mentions
    chosen = {0} | {i for i, m in enumerate(mentions) if m.mention_id in new}
    latest = len(mentions) - 1
    while len(chosen) < size:
        chosen.add(latest)
        latest -= 1
    return [mentions[i] for i in sorted(chosen)]
