"""From candidates to an article's principal happening(s).

Candidates that share their actors (in either direction) are one happening; a
candidate with one known actor joins the best happening that has it. Happenings
are ranked by where they are reported (headline 3, lead 2, early paragraphs 1.2,
rest 1; background dated last year or earlier counts less), so the one the headline
and lead report comes first. Within a happening the event type is the most specific
code reported for it (a pattern-qualified code such as 0874 over a verb's default,
then longer codes, then weight): the headline's "capture" and the body's "surrendered"
describe one happening, coded as the surrender.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from services.extractor.candidates import Candidate

BACKGROUND_FACTOR = 0.3


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

        return by_code[max(by_code, key=rank)]


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


def group(candidates: list[Candidate]) -> list[Happening]:
    """Happenings, best first: dyads first, then single-actor candidates join the best matching one."""
    happenings: dict[frozenset[str], Happening] = {}
    for candidate in candidates:
        names = candidate.actor_names
        if len(names) == 2:
            happenings.setdefault(names, Happening(names)).members.append(candidate)
    for candidate in sorted((c for c in candidates if len(c.actor_names) == 1), key=lambda c: -c.weight):
        name = next(iter(candidate.actor_names))
        holders = [h for h in happenings.values() if name in h.actors]
        if holders:
            max(holders, key=lambda h: h.score).members.append(candidate)
        else:
            happenings.setdefault(candidate.actor_names, Happening(candidate.actor_names)).members.append(candidate)
    return sorted(happenings.values(), key=lambda h: -h.score)


def main_actors(members: list[Candidate], happening: Happening) -> tuple[str | None, str | None]:
    """Most frequent source name and target name among the chosen members (target: other side of the dyad)."""
    sources = Counter(m.source.name for m in members if m.source is not None)
    targets = Counter(m.target.name for m in members if m.target is not None)
    source = sources.most_common(1)[0][0] if sources else None
    if source is None and targets:
        others = [n for n in happening.actors if n not in targets]
        source = others[0] if others else None
    target = next((n for n, _ in targets.most_common() if n != source), None)
    if target is None:
        target = next((n for n in happening.actors if n != source), None)
    return source, target
