"""Which happenings an article's mentions report: an extra-type happening the headline names, else the principal
happening the rules typed, else none (one untyped mention); and up to ``max_events - 1`` secondary ones.

The place of an extra-type or untyped mention is the lead's, sharpened by the town the article keeps placing things
in (``focus``) or names first (``named``); a principal happening's early figures are those of the first paragraphs
without a counted noun.
"""

from __future__ import annotations

from schemas.records import EventType
from services.extractor.candidates import Candidate, Reader
from services.extractor.document import Choice, Document
from services.extractor.extra import ExtraTypes
from services.extractor.focus import background_spans, sharpen, tally_towns
from services.extractor.gazetteer import Gazetteer
from services.extractor.happenings import Happening
from services.extractor.normalize import name_key
from services.extractor.places import PlaceHit, best_place, geocode_span
from services.extractor.quantities import find_figures
from services.extractor.secondary import secondary
from services.extractor.sentences import Sentence

FIGURE_PARAGRAPHS = 3  # tolls and figures without a counted noun this early in the body refer to the main happening


def choose(doc: Document, gazetteer: Gazetteer, extra_types: ExtraTypes) -> Choice:
    """The article's principal and secondary happenings, or the extra type it reports, and what their mentions
    share (towns, lead, early sentences and figures)."""
    assert doc.reader is not None
    reader = doc.reader
    towns = tally_towns(doc.full, gazetteer, reader.prefer, reader.actor_spans,
                        background_spans(doc.sentences, doc.today), reader.check)
    focus = towns.leader()
    named = focus or towns.leader(least=1)
    lead = doc.body[0] if doc.body else None
    title = doc.article.title or ""
    extra = extra_types.classify(title, lead.text if lead else "")
    early = [s for s in doc.sentences if not s.is_title and s.paragraph <= FIGURE_PARAGRAPHS]
    if extra is not None and extra_story(extra_types, title, doc.happenings, extra, lead):
        place = lead_place(lead, gazetteer, reader, focus, named)
        others = secondary(doc.candidates, extra[0].plover, doc.max_events - 1)
        return Choice([], others, extra, lead, place, early, [], towns, focus, named)
    if not doc.happenings:
        place = lead_place(lead, gazetteer, reader, focus, named)
        return Choice([], [], None, lead, place, early, [], towns, focus, named)
    figures = [c for s in early for c in find_figures(s.text, s.start)]
    kind = doc.happenings[0].chosen()[0].event_type.plover
    others = secondary(doc.candidates, kind, doc.max_events - 1, doc.happenings[0])
    return Choice(doc.happenings, others, None, lead, None, early, figures, towns, focus, named)


def extra_story(extra_types: ExtraTypes, title: str, happenings: list[Happening], extra: tuple[EventType, int],
                lead: Sentence | None) -> bool:
    """Whether every headline clause of the principal happening yields to the extra type the headline names; an extra
    type only the lead names yields to a clause of the principal happening that the lead reports before its trigger
    ("will withdraw its force unless ... before the elections"), not a participle describing a noun ("people killed
    in a train collision")."""
    if lead is not None and extra_types.find(title) is None:
        trigger = lead.start + extra[1]
        return not any(c.clause.sentence == lead and ((c.clause.verb_start < trigger and not c.clause.reported)
                                                      or about(c, trigger))
                       for h in happenings[:1] for c in h.chosen())
    headline = [c for h in happenings[:1] for c in h.chosen() if c.clause.sentence.is_title]
    return not any(not extra_types.comments_on(c, title) for c in headline)


def about(candidate: Candidate, offset: int) -> bool:
    """Whether an offset lies in what the candidate's clause is about, its object ("protesting [election results]"):
    the trigger there names the topic of a typed happening, not a happening of its own."""
    return any(start <= offset < end for start, end in candidate.clause.targets)


def lead_place(lead: Sentence | None, gazetteer: Gazetteer, reader: Reader, focus: PlaceHit | None,
               named: PlaceHit | None) -> PlaceHit | None:
    """The lead's place sharpened by the focus and the first-named town, else the first-named town."""
    hits = [h for h in geocode_span(lead.text, lead.start, gazetteer, reader.prefer, reader.actor_spans,
                                        check=reader.check)
            if not initial_word(h, lead)] if lead else []
    return sharpen(sharpen(best_place(hits), focus), named) or named


def initial_word(hit: PlaceHit, sentence: Sentence) -> bool:
    """Whether a town hit is only the sentence's capitalised first word read loosely as a town's other name
    ("Rescue workers ..." → Riosucio, "Armed thieves ..." → Armada): every sentence starts with a capital."""
    return (hit.start == sentence.start and hit.place.precision == "place"
            and name_key(hit.text) != name_key(hit.place.name))
