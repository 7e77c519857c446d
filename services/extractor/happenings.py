"""From candidates to an article's principal happening(s).

Candidates that share their actors (in either direction) are one happening; a
candidate with one known actor joins the best happening that has it. Happenings
are ranked by where they are reported (headline 3, lead 2, early paragraphs 1.2,
rest 1; background dated last year or earlier counts less), so the one the headline
and lead report comes first. Within a happening the event type is the most specific
code reported for it (a pattern-qualified code such as 0874 over a verb's default,
then longer codes, then weight) among codes reported with at least MIN_SHARE of the heaviest code's
weight: the headline's "capture" and the body's "surrendered"
describe one happening, coded as the surrender.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from services.extractor.actors import ResolvedActor
from services.extractor.candidates import Candidate

BACKGROUND_FACTOR = 0.3
ORGANS = frozenset({"MIL", "COP"})
MIN_HOLDER = 1.0  # a dyad reported only in discounted background sentences does not absorb one-sided clauses
MIN_SHARE = 0.4  # a code reported with less than this share of the heaviest code's weight cannot be the type


@dataclass
class Happening:
    """Candidates reporting one happening."""

    actors: frozenset[str]
    members: list[Candidate] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Sum of member weights."""
        return sum(m.weight for m in self.members)

    def chosen(self) -> list[Candidate]:
        """Members of the happening's event type: the most specific code reported, then the heaviest."""
        by_code: dict[str, list[Candidate]] = {}
        for member in self.members:
            by_code.setdefault(member.match.code, []).append(member)

        def rank(code: str) -> tuple[int, bool, float]:
            """Code length (specificity), pattern-qualified, summed weight."""
            items = by_code[code]
            return (len(code), any(m.match.pattern_words for m in items), sum(m.weight for m in items))

        heaviest = max(sum(m.weight for m in items) for items in by_code.values())
        eligible = [code for code, items in by_code.items() if sum(m.weight for m in items) >= MIN_SHARE * heaviest]
        return by_code[max(eligible, key=rank)]


def discount_background(candidates: list[Candidate], published: dt.date | None) -> None:
    """Lower the weight of candidates dated to an earlier year or month than publication."""
    if published is None:
        return
    for candidate in candidates:
        date = candidate.date
        if date is None:
            continue
        if (date.precision == "year" and date.date.year < published.year) or (published - date.date).days > 31:
            candidate.weight *= BACKGROUND_FACTOR


def pair_halves(candidates: list[Candidate]) -> None:
    """Join one sentence's one-sided clauses of a type into a dyad: in "six SDF members were killed when
    Daesh militants stormed their checkpoint" one clause has only the target, the other only the source."""
    for c in candidates:
        if c.source is not None and c.target is None:
            other = next((o for o in candidates if o.source is None and o.target is not None
                          and o.clause.sentence.start == c.clause.sentence.start
                          and o.event_type.plover == c.event_type.plover and o.target.name != c.source.name), None)
            if other is not None:
                c.target, c.target_forms = other.target, other.target_forms
                other.source, other.source_forms = c.source, c.source_forms


def identity(actor: ResolvedActor) -> str:
    """What makes two actors one party: a state and its government are one ("Ankara" ~ "Turkish government")."""
    return f"state:{actor.country}" if (actor.state or actor.sector == "GOV") and actor.country else actor.name


def keys(candidate: Candidate) -> frozenset[str]:
    """The identities of a candidate's actors."""
    return frozenset(identity(a) for a in (candidate.source, candidate.target) if a is not None)


def parents(candidate: Candidate) -> frozenset[str]:
    """The states a one-sided candidate's armed organ belongs to ("Ukrainian military" → Ukraine)."""
    return frozenset(f"state:{a.country}" for a in (candidate.source, candidate.target)
                     if a is not None and a.sector in ORGANS and a.country)


def group(candidates: list[Candidate]) -> list[Happening]:
    """Happenings, best first: dyads first, then single-actor candidates join the best matching one."""
    pair_halves(candidates)
    happenings: dict[frozenset[str], Happening] = {}
    for candidate in candidates:
        if len(keys(candidate)) == 2:
            happenings.setdefault(keys(candidate), Happening(candidate.actor_names)).members.append(candidate)
    for candidate in sorted((c for c in candidates if len(keys(c)) == 1), key=lambda c: -c.weight):
        holders = [h for k, h in happenings.items() if keys(candidate) <= k] or [
            h for k, h in happenings.items() if len(k) == 1 and k & parents(candidate)
            and any(m.event_type.plover == candidate.event_type.plover for m in h.members)
        ]
        holders = [h for h in holders if h.score >= MIN_HOLDER]
        if holders:
            max(holders, key=lambda h: h.score).members.append(candidate)
        else:
            happenings.setdefault(keys(candidate), Happening(candidate.actor_names)).members.append(candidate)
    return sorted(happenings.values(), key=lambda h: -h.score)


def main_actors(members: list[Candidate], happening: Happening) -> tuple[str | None, str | None]:
    """The source: the actor the happening's clauses most make the doer (weight as source minus weight as
    target), else the most frequent source of the chosen members; the target: the most frequent other."""
    sources = Counter(m.source.name for m in members if m.source is not None)
    targets = Counter(m.target.name for m in members if m.target is not None)
    net: dict[str, float] = {}
    for m in happening.members:
        if m.source is not None:
            net[m.source.name] = net.get(m.source.name, 0.0) + m.weight
        if m.target is not None:
            net[m.target.name] = net.get(m.target.name, 0.0) - m.weight
    same = {a.name: identity(a) for m in happening.members for a in (m.source, m.target) if a is not None}
    doers = [(w, n) for n, w in net.items() if w > 0 and (n in sources or n in targets)]
    source = max(doers)[1] if doers else (sources.most_common(1)[0][0] if sources else None)
    if source is None and targets:
        others = [n for n in sorted(happening.actors) if n not in targets]
        source = others[0] if others else None
    me = same.get(source or "", source)
    target = next((n for n, _ in targets.most_common() if same.get(n, n) != me), None)
    if target is None:
        target = next((n for n in sorted(happening.actors) if same.get(n, n) != me), None)
    return source, target
