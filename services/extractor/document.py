"""The document model the passes share: one article and what each pass has read of it so far.

Frozen: a pass returns ``dataclasses.replace(doc, ...)`` with the fields it writes. The fields are listed in the
order the passes of ``passes.PASSES`` set them. One object inside is still written after it is set: the cast's
context (``Cast.set_context``), when the coding pass takes the article's country from the places its clauses name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from schemas.records import Article, EventMention, EventType
from services.extractor.candidates import Candidate, Reader
from services.extractor.cast import Cast
from services.extractor.dates import DateMention
from services.extractor.focus import TownTally
from services.extractor.happenings import Happening
from services.extractor.parse import ParsedDoc
from services.extractor.places import PlaceHit
from services.extractor.quantities import Count
from services.extractor.sentences import Sentence
from services.extractor.spans import Clause

DateAnchors = dict[int, list[tuple[DateMention, int]]]  # sentence start → (date expression, index of its verb)


@dataclass(frozen=True)
class Choice:
    """Which happenings the article reports and what the mentions of them share."""

    principal: list[Happening]  # the principal happening (none when an extra type or nothing typed is the story)
    secondary: list[Happening]
    extra: tuple[EventType, int] | None  # the extra type the story is (with its trigger's offset in the lead)
    lead: Sentence | None  # the first substantive body sentence
    lead_place: PlaceHit | None  # the place of an extra-type or untyped mention
    early: list[Sentence]  # body sentences of the first paragraphs (their figures count the principal happening)
    figures: list[Count]  # counts of those without a counted noun
    towns: TownTally
    focus: PlaceHit | None  # the town the article keeps placing things in
    named: PlaceHit | None  # that town, else the one it names first


@dataclass(frozen=True)
class Document:
    """One article through the passes."""

    article: Article
    max_events: int
    today: dt.date | None = None  # publication day
    full: str = ""  # title and text as one string: every span is an offset in it
    sentences: list[Sentence] = field(default_factory=list)
    selected: list[Sentence] = field(default_factory=list)  # parsed sentences that may hold an event, text order
    parses: list[ParsedDoc] = field(default_factory=list)  # their parse records, in the same order
    cast: Cast | None = None  # the article's actors
    body: list[Sentence] = field(default_factory=list)  # substantive body sentences (the lead first)
    dates: DateAnchors = field(default_factory=dict)
    clauses: list[tuple[Clause, float]] = field(default_factory=list)  # with the weight of the sentence's position
    reader: Reader | None = None  # lexicons, cast and preferred countries for coding clauses
    candidates: list[Candidate] = field(default_factory=list)
    happenings: list[Happening] = field(default_factory=list)  # scoring at least the minimum, best first
    choice: Choice | None = None
    mentions: list[EventMention] = field(default_factory=list)
