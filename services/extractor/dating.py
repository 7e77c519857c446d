"""Which date an event gets, decided here: the rules that date a candidate, a happening and an extra-type story.

A clause's own date expressions are found and anchored to their verb upstream (``dates.find_dates``,
``coding.anchor_dates``, ``candidates.Reader.date``); from there:

- a date more than ``BACKGROUND_DAYS`` before publication (or in an earlier year) dates background, not the
  reported happening (``background``, ``dated_background``; the weighing pass weighs such clauses down and
  ``focus.background_spans`` keeps their towns out of the tally);
- a reported happening dated only by the statement reporting it takes the own date of an early clause of its type,
  else none (``date_reported``, a weighing rule);
- a typed happening's date is its chosen clauses' (own date first, then the heaviest), else its other clauses'
  unless background, else publication (``event_date``);
- an extra-type story's date is the lead's nearest the trigger, passing over a reporting verb's day, then an early
  paragraph's, else publication (``happening_date``, ``story_date``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from schemas.records import Article, DatePrecision
from services.extractor.dates import DateMention, find_dates
from services.extractor.patterns import REPORTED_ON
from services.extractor.sentences import Sentence

if TYPE_CHECKING:
    from services.extractor.candidates import Candidate
    from services.extractor.happenings import Happening

BACKGROUND_DAYS = 31
EARLY_PARAGRAPHS = 3  # the lead and the two paragraphs after it tell the happening's own day

EventDate = tuple[dt.date | None, DatePrecision | None, str | None]  # date, precision, source (text/publication)


def background(day: dt.date, published: dt.date) -> bool:
    """Whether a date lies so far before publication that it dates background, not the reported happening."""
    return (published - day).days > BACKGROUND_DAYS


def dated_background(date: DateMention | None, published: dt.date) -> bool:
    """Whether a clause's date is background: an earlier year, or more than ``BACKGROUND_DAYS`` before."""
    if date is None:
        return False
    return (date.precision == "year" and date.date.year < published.year) or (
        (published - date.date).days > BACKGROUND_DAYS)


def date_reported(candidates: list[Candidate]) -> list[Candidate]:
    """Date a reported happening dated by the statement reporting it by an early clause of its type, else not at
    all; a comment's date ("condemned the arrest of ... yesterday") may be the happening's and is kept. In text
    order: a clause dated here can date a later one."""
    dated = list(candidates)
    for i, candidate in enumerate(dated):
        if not candidate.clause.reported or candidate.date_own or not candidate.said_on:
            continue
        donors = [o for o in dated if o is not candidate and o.date_own and o.date is not None
                  and not o.background and o.clause.sentence.paragraph <= EARLY_PARAGRAPHS
                  and o.event_type.plover == candidate.event_type.plover
                  and (candidate.date is None or o.date.date < candidate.date.date)]
        donor = max(donors, key=lambda o: o.weight) if donors else None
        dated[i] = replace(candidate, date=donor.date, date_own=True) if donor is not None else replace(
            candidate, date=None, date_own=False)
    return dated


def event_date(chosen: list[Candidate], happening: Happening, article: Article) -> EventDate:
    """The date attached to the event's clauses (a date of the verb itself before one of the verb reporting it,
    then the heaviest), then to the happening's other clauses unless it is a background date more than
    BACKGROUND_DAYS before publication ("closed its border in July 2023"), else publication."""
    published = article.published_at.date() if article.published_at else None
    for pool in (chosen, happening.members):
        dated = [c for c in pool if c.date is not None
                 and (pool is chosen or published is None or not background(c.date.date, published))]
        if dated:
            best = max(dated, key=lambda c: (c.date_own, c.weight))
            assert best.date is not None
            return best.date.date, best.date.precision, "text"
    if article.published_at is not None:
        return article.published_at.date(), "day", "publication"
    return None, None, None


def reported_on(text: str, mention: DateMention, offset: int) -> bool:
    """Whether a date expression dates the reporting verb just before it."""
    return bool(REPORTED_ON.search(text[max(0, mention.start - offset - 30) : mention.start - offset]))


def happening_date(lead: Sentence | None, early: list[Sentence], trigger: int, today: dt.date) -> DateMention | None:
    """The lead's date nearest the trigger, passing over the day a reporting verb carries ("said on Friday")
    unless nothing else is dated; then a date of an early paragraph ("Turnout in Thursday's vote ...")."""
    lead_dates = find_dates(lead.text, today) if lead else []
    own = [d for d in lead_dates if lead is not None and not reported_on(lead.text, d, 0)]
    if own:
        return min(own, key=lambda d: (abs(d.start - trigger), d.start < trigger))  # ties: "crash ... on X"
    later = [d for s in early for d in find_dates(s.text, today, s.start)
             if d.precision == "day" and not reported_on(s.text, d, s.start)]
    if later:
        return later[0]
    return min(lead_dates, key=lambda d: (abs(d.start - trigger), d.start < trigger)) if lead_dates else None


def story_date(date: DateMention | None, today: dt.date | None) -> EventDate:
    """An extra-type story's date: the one found in its text, else publication."""
    return (date.date if date else today, date.precision if date else ("day" if today else None),
            "text" if date else ("publication" if today else None))
