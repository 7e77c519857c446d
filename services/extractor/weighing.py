"""How much each candidate counts, before grouping: the weighing rules, in the order they apply (``RULES``).

Candidates are frozen; each rule returns the list with revised copies in the same places. Background clauses
(dated a month or a year before publication) weigh less first; then comments on a happening their object
reports, what a demand, threat or refusal is about and refusals of a reported threat or demand; then reactions to
an earlier reported happening (``followups``); then dates borrowed from a statement
are replaced; last, one sentence's one-sided clauses of a type are joined into a dyad.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from services.extractor.candidates import Candidate
from services.extractor.dating import date_reported, dated_background
from services.extractor.followups import discount_followups
from services.extractor.words import ordered_codes

BACKGROUND_FACTOR = 0.3
COMMENT_CODES = ordered_codes("comment_codes")
COMMENT_FACTOR = 0.2
REACTION_BLOCK = "REACTION"  # verbs_supplement.tsv: "vowed to respond", "rejected the charge", "responded with tear
# gas" answer a happening the article reports
REFUSED_TYPES = ("THREATEN", "REQUEST")  # what a refusal answers


def discount_background(candidates: list[Candidate], published: dt.date | None) -> list[Candidate]:
    """Lower the weight of candidates dated to an earlier year or month than publication."""
    if published is None:
        return candidates
    return [replace(c, weight=c.weight * BACKGROUND_FACTOR, background=True)
            if dated_background(c.date, published) else c for c in candidates]


def discount_comments(candidates: list[Candidate]) -> list[Candidate]:
    """Lower the weight of a statement, reproach or praise whose object reports another happening (an event noun or
    a participle): "condemned the killing of a dozen soldiers", "mourns soldiers killed in Monguno attack" report
    the killing; "accuses the Taliban of sheltering militants" is the accusation itself. A reading of the supplement's
    REACTION block ("vowed to respond", "rejected the charge") is always such a reaction."""
    weighed = []
    for c in candidates:
        if c.match.block == REACTION_BLOCK:  # "France vows response after Algeria expels ...": the expulsion is news
            weighed.append(replace(c, weight=c.weight * COMMENT_FACTOR))
        elif comments_on_other(c, candidates):
            weighed.append(replace(c, weight=c.weight * COMMENT_FACTOR, comment=True))
        else:
            weighed.append(c)
    return weighed


def comments_on_other(c: Candidate, candidates: list[Candidate]) -> bool:
    """Whether a statement's object holds a reported happening of another kind in the same sentence."""
    if not c.match.code.startswith(COMMENT_CODES) or c.clause.object_range is None:
        return False
    start, end = c.clause.object_range
    return any(o is not c and o.clause.sentence.start == c.clause.sentence.start
               and start <= o.clause.verb_start < end and o.clause.reported
               and not o.match.code.startswith(COMMENT_CODES)
               for o in candidates)


def discount_complements(candidates: list[Candidate]) -> list[Candidate]:
    """Lower the weight of what a demand, threat or refusal is about (``Candidate.governed``): in "demanded that
    Hamas renounce its armed struggle" the demand is the happening, the renouncing what is demanded."""
    return [replace(c, weight=c.weight * COMMENT_FACTOR) if c.governed else c for c in candidates]


def discount_refusals(candidates: list[Candidate]) -> list[Candidate]:
    """Lower the weight of a refusal ("would not give in") when the article reports the threat or demand it
    answers: that is the news."""
    if not any(c.event_type.plover in REFUSED_TYPES and not c.clause.negated for c in candidates):
        return candidates
    return [replace(c, weight=c.weight * COMMENT_FACTOR) if c.clause.negated else c for c in candidates]


def pair_halves(candidates: list[Candidate]) -> list[Candidate]:
    """Join one sentence's one-sided clauses of a type into a dyad: in "six SDF members were killed when
    Daesh militants stormed their checkpoint" one clause has only the target, the other only the source."""
    paired = list(candidates)
    for i in range(len(paired)):
        c = paired[i]
        if c.source is not None and c.target is None:
            j = next((j for j, o in enumerate(paired) if o.source is None and o.target is not None
                      and o.clause.sentence.start == c.clause.sentence.start
                      and o.event_type.plover == c.event_type.plover and o.target.name != c.source.name), None)
            if j is not None:
                other = paired[j]
                paired[i] = replace(c, target=other.target, target_forms=other.target_forms)
                paired[j] = replace(other, source=c.source, source_forms=c.source_forms)
    return paired


RULES: tuple[Callable[[list[Candidate]], list[Candidate]], ...] = (
    discount_comments,
    discount_complements,
    discount_refusals,
    discount_followups,
    date_reported,
    pair_halves,
)


def weigh(candidates: list[Candidate], published: dt.date | None) -> list[Candidate]:
    """The candidates after every weighing rule, in order: background first, then ``RULES``."""
    candidates = discount_background(candidates, published)
    for rule in RULES:
        candidates = rule(candidates)
    return candidates
