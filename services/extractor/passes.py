"""The extractor's passes, in order (``PASSES``): each reads named fields of the document model and returns it with
the fields it writes (``document.Document``).

parse        sentences, the ones worth parsing parsed into plain records, the article's actors (the cast)
clauses      the parsed sentences' event clauses, weighed by where they stand, and their date anchors
coding       the reader that codes clauses (lexicons, cast, countries first looked up); the article's country from
             its clauses' places when it names none
candidates   each clause coded, its actors resolved, as a frozen candidate (clauses no rule codes are dropped)
weighing     the weighing rules in order (``weighing.RULES``)
grouping     candidates grouped into happenings; the best one scoring enough is the principal happening
choice       principal and secondary happenings, or the extra type the headline names (``choice.choose``)
assembly     the event mentions (``mentions.Assembler``)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from services.extractor.candidates import GOVERNING_TYPES, Reader, position_weight
from services.extractor.cast import build_cast
from services.extractor.choice import choose
from services.extractor.clauses import clauses
from services.extractor.coding import anchor_dates, context_from_places, named_areas, preferred_countries
from services.extractor.document import Document
from services.extractor.happenings import group
from services.extractor.parse import ParsedDoc, parse_texts
from services.extractor.place_check import AcceptAll, EntityCheck
from services.extractor.selection import more_to_parse, to_parse
from services.extractor.sentences import Sentence, article_sentences, substantive
from services.extractor.weighing import weigh

if TYPE_CHECKING:
    from services.extractor.extract import EventExtractor

Pass = Callable[["EventExtractor", Document], Document]


def parse(x: EventExtractor, doc: Document) -> Document:
    """Split the article, parse the sentences that may hold an event and name an actor (``selection``), find the
    article's actors; parse early actorless verb sentences too when it names no country."""
    article = doc.article
    today = article.published_at.date() if article.published_at else None
    full, sentences = article_sentences(article.title, article.text)
    selected = [s for s in sentences if x.verbs.may_hold_event(s.text)]
    parsed = parsed_records(x, to_parse(x.actors, full, selected, x.max_parsed, x.parse_all))
    proper = {s.start + t.idx for s, records in parsed.items() for t in records if t.pos_ == "PROPN"}
    cast = build_cast(full, x.actors, x.resolver, today, proper)
    if cast.context is None:  # the places of the clauses may give the context: parse early actorless ones too
        parsed.update(parsed_records(x, more_to_parse(selected, set(parsed), x.limit)))
    selected = [s for s in selected if s in parsed]
    x.count(sentences, selected)
    return replace(doc, today=today, full=full, sentences=sentences, selected=selected,
                   parses=[parsed[s] for s in selected], cast=cast)


def parsed_records(x: EventExtractor, sentences: list[Sentence]) -> dict[Sentence, ParsedDoc]:
    """Parse records of some sentences."""
    return dict(zip(sentences, parse_texts(x.nlp, [s.text for s in sentences]), strict=True))


def find_clauses(x: EventExtractor, doc: Document) -> Document:
    """Every event clause of the parsed sentences with its sentence's position weight; date anchors."""
    body = [s for s in doc.sentences if not s.is_title and substantive(s.text)]
    found = [
        (clause, position_weight(s.is_title, body.index(s) if s in body else len(body), s.paragraph))
        for s, records in zip(doc.selected, doc.parses, strict=True)
        for clause in clauses(records, s, x.verbs)
    ]
    return replace(doc, body=body, dates=anchor_dates(doc.selected, doc.parses, doc.today), clauses=found)


def code(x: EventExtractor, doc: Document) -> Document:
    """The reader that codes the clauses; when the article names no country, its clauses' places give it."""
    assert doc.cast is not None
    cast = doc.cast
    countries = preferred_countries(x.actors, cast.counts, cast.context)
    prefer = (*named_areas(doc.full, x.gazetteer, countries), *countries)
    check = EntityCheck(x.recognise, doc.sentences) if x.recognise is not None else AcceptAll()
    reader = Reader(x.verbs, x.plover, x.resolver, x.gazetteer, cast, doc.full, prefer, doc.dates, check)
    if cast.context is None:
        context_from_places(reader, x.resolver, [clause for clause, _ in doc.clauses])
    return replace(doc, reader=reader)


def read_candidates(x: EventExtractor, doc: Document) -> Document:
    """Each clause as a candidate, kept when it names an actor or is the headline's; marked when it is what a typed
    demand, threat or refusal is about."""
    assert doc.reader is not None
    read = [c for clause, weight in doc.clauses if (c := doc.reader.candidate(clause, weight)) is not None]
    governors = {c.clause.verb_start for c in read if c.event_type.plover in GOVERNING_TYPES}
    found = [replace(c, governed=c.clause.governor in governors) for c in read
             if c.actor_names or c.clause.sentence.is_title]
    return replace(doc, candidates=found)


def weigh_candidates(x: EventExtractor, doc: Document) -> Document:
    """The candidates after the weighing rules."""
    return replace(doc, candidates=weigh(doc.candidates, doc.today))


def group_happenings(x: EventExtractor, doc: Document) -> Document:
    """The best happening, when it scores at least ``min_score``."""
    return replace(doc, happenings=[h for h in group(doc.candidates) if h.score >= x.min_score][:1])


def choose_happenings(x: EventExtractor, doc: Document) -> Document:
    """Principal and secondary happenings, or the extra type."""
    return replace(doc, choice=choose(doc, x.gazetteer, x.extra))


def assemble_mentions(x: EventExtractor, doc: Document) -> Document:
    """The event mentions of the choice."""
    assert doc.cast is not None and doc.choice is not None
    now = dt.datetime.now(dt.UTC)
    return replace(doc, mentions=x.assembler.mentions(doc.article, doc.cast, doc.choice, now))


PASSES: tuple[Pass, ...] = (
    parse,
    find_clauses,
    code,
    read_candidates,
    weigh_candidates,
    group_happenings,
    choose_happenings,
    assemble_mentions,
)


def run(x: EventExtractor, doc: Document) -> Document:
    """The document after every pass."""
    for step in PASSES:
        doc = step(x, doc)
    return doc
