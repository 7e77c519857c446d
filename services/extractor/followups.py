"""Follow-up stories whose lead is a reaction to an earlier happening reported in a clause of its own.

A bail hearing, a ruling or a complaint about an arrest made days before ("a magistrate on Monday refused bail to
40 supporters arrested by police on October 16") follows up the arrest: when what a clause governs holds a
reported happening (a participle, relative clause or event noun) of another type with its own date before the
clause's, the happening is the story and the clause a reaction, weighed like a comment. A headline clause with the
reaction's code, or its doer and party ("Court refuses bail to ..."), restates the reaction and is weighed down
with it. Reactions on the day of the happening, or to an undated one, are left alone: "police on Thursday arrested
40 supporters who rallied on Thursday" is the arrest.

A reported happening dated only by the statement that reports it is not dated by the statement: that rule decides
a date, so it lives with the others in ``dating`` (``dating.date_reported``).
"""

from __future__ import annotations

from dataclasses import replace

from services.extractor.actors import ResolvedActor
from services.extractor.candidates import Candidate

FOLLOWUP_FACTOR = 0.2  # as weighing.COMMENT_FACTOR


def reacts_to_earlier(reaction: Candidate, candidates: list[Candidate]) -> bool:
    """Whether a clause governs a reported happening of another type dated, by its own date, before the clause."""
    clause = reaction.clause
    if clause.reported or clause.object_range is None or reaction.date is None:
        return False
    start, end = clause.object_range
    return any(
        other is not reaction and other.clause.reported and other.date_own and other.date is not None
        and other.clause.sentence.start == clause.sentence.start and start <= other.clause.verb_start < end
        and other.event_type.plover != reaction.event_type.plover and other.date.date < reaction.date.date
        for other in candidates
    )


def restates(headline: Candidate, reaction: Candidate) -> bool:
    """Whether a headline clause reports the same reaction: the same code ("Lawyers demand inquiry ..." over "the
    Law Society demanded an inquiry into ..."), or the same doer towards the same party ("Court frees activists
    ..." over "a magistrate granted bail to 56 activists detained on ...")."""
    def same(a: ResolvedActor | None, b: ResolvedActor | None) -> bool:
        return a is not None and b is not None and a.name == b.name

    return headline.clause.sentence.is_title and (
        headline.match.code == reaction.match.code
        or (same(headline.source, reaction.source) and same(headline.target, reaction.target)))


def discount_followups(candidates: list[Candidate]) -> list[Candidate]:
    """Weigh down reactions to an earlier reported happening and the headline clauses that restate them."""
    reactions = [c for c in candidates if reacts_to_earlier(c, candidates)]
    return [replace(c, weight=c.weight * FOLLOWUP_FACTOR)
            if c in reactions or any(restates(c, r) for r in reactions) else c for c in candidates]
